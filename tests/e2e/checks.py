#!/usr/bin/env python3
"""tests/e2e/checks.py - the protocol checks of tests/e2e/run.sh.

    checks.py --state DIR --auth-log FILE --imap PORT --pop3 PORT --smtp PORT
              --smtp-noauth PORT --pp-imap PORT --pp-smtp PORT --ha-imap PORT
              --ha-smtp PORT --imaps PORT --imap-starttls PORT --pop3s PORT
              --pop3-starttls PORT --smtps PORT --smtp-starttls-only PORT
              --tls-cert FILE --imaps-cc PORT --smtp-cc PORT --certs DIR
              [--af-imap PORT --af-pop3 PORT --af-smtp PORT]
              [--btls-imap PORT --btls-pop3 PORT --btls-smtp PORT
               --btls-imap-badname PORT --dc-imaps PORT --dc-pop3 PORT]
              [--sieve PORT --sieve-starttls PORT [--af-sieve PORT]] [--postern]

Talks to the proxy with Python's imaplib, poplib, smtplib, raw sockets, curl
and swaks, directly and through HAProxy (--ha-*, which sends PROXY v2 to the
proxy's proxy_protocol servers --pp-*), and over TLS to its servers with
implicit TLS or STARTTLS (also with openssl s_client; --tls-cert is their
certificate), and reads what the auth service logged
(authd.py), the proxy's error log and what Postfix delivered into the
maildirs.  Prints one line per check at column 0, "PASS e2e:<name>" or
"FAIL e2e:<name>" with details indented, and exits 0.  The auth_file checks
(servers --af-*) run only when those ports are given; without them they print
nothing (run.sh leaves them out against nginx, which has no auth_file).  The
same goes for the proxy_ssl checks (TLS toward the backend, servers --btls-*),
which also read Dovecot's and Postfix's logs in the state dir.

Every check is bounded: sockets time out after TIMEOUT seconds, curl after
CURL_TIMEOUT, openssl s_client waits SCLIENT_TIMEOUT for each reply (and is
killed if it has not exited SCLIENT_TIMEOUT after its input ends), and the
wait for a delivery polls for at most DELIVERY_WAIT.
A proxy that accepts and then says nothing would cost TIMEOUT per check, so
once BUDGET seconds have gone the remaining checks fail without running.  A
check that mostly waits may run in a thread beside the others (check()'s
`after`); its result is awaited for at most BG_WAIT seconds.
Checks that look at the auth log find their own request by a marker: the
user and method they used, after the log length noted when they started.
"""

import argparse
import base64
import email
import glob
import hashlib
import hmac
import imaplib
import json
import os
import poplib
import re
import select
import smtplib
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
import uuid

TIMEOUT = 5
SCLIENT_TIMEOUT = 5   # seconds openssl s_client may take for each expected reply
CURL_TIMEOUT = 10
SWAKS_TIMEOUT = 10
DELIVERY_WAIT = 15
BUDGET = 50       # seconds for all checks: past it, the rest fail at once
BG_WAIT = 20      # seconds a background check may take
HOST = "127.0.0.1"

USERS = {"alice": "alice-pw", "bob": "b ob%pw"}
BAD_TEXT = "Invalid login or password"

A = None          # parsed arguments
CHECKS = []       # (name, group, after, function), in order
SHARED = {}       # facts one check leaves for a later one


class Fail(Exception):
    pass


def check(name, group=None, after=None):
    """Register a check.  One of group "auth_file" runs only when --af-imap is
    given, one of group "proxy_ssl" only when --btls-imap is, one of group
    "postern" (postern's own extensions) only with --postern, one of group
    "oauth" (XOAUTH2/OAUTHBEARER, postern's too) only when --oauth-imap is, one of group
    "sieve" (ManageSieve, postern only) only when --sieve is.  One with
    `after` (a check that mostly waits) runs in the background:
    it starts in a thread once the check `after` has passed (which must show
    that it cannot disturb the others), and its result is taken at its own
    place in the order, waiting for it at most BG_WAIT seconds.  It must not
    look at what the others do meanwhile (the auth service's log, the maildirs)."""
    def reg(fn):
        CHECKS.append((name, group, after, fn))
        return fn
    return reg


def ensure(cond, *detail):
    if not cond:
        raise Fail("\n".join(str(d) for d in detail) or "condition false")


# ---- the auth service's log ----------------------------------------------------------

def auth_log_mark():
    try:
        return os.path.getsize(A.auth_log)
    except OSError:
        return 0


def auth_requests(since=0):
    """Requests logged since byte offset `since`: a list of dicts of
    {"headers": {name-lowercase: value}, "raw": [[name, value], ...], "result": ...}."""
    # The service writes a line per request after it has answered; allow it a moment.
    out = []
    try:
        with open(A.auth_log) as f:
            f.seek(since)
            for line in f:
                if not line.endswith("\n"):
                    break
                rec = json.loads(line)
                rec["h"] = {k.lower(): v for k, v in rec["headers"]}
                out.append(rec)
    except OSError:
        pass
    return out


def find_request(since, **want):
    """The first request since `since` whose headers have the given values
    (keyword auth_user= matches header Auth-User).  Polls for up to 2 s."""
    deadline = time.monotonic() + 2
    while True:
        reqs = auth_requests(since)
        for r in reqs:
            if all(r["h"].get(k.replace("_", "-")) == v for k, v in want.items()):
                return r
        if time.monotonic() > deadline:
            raise Fail("no auth_http request with %s among %d since the check began:\n%s" % (
                want, len(reqs), "\n".join(fmt_req(r) for r in reqs[-4:]) or "(none)"))
        time.sleep(0.05)


def fmt_req(r):
    return "  " + " | ".join("%s: %s" % (k, v) for k, v in r["headers"]) + "  => " + r["result"]


def header_is(r, name, value):
    got = r["h"].get(name.lower())
    ensure(got == value, "%s: expected %r, got %r" % (name, value, got), fmt_req(r))


# ---- clients ---------------------------------------------------------------------------

def imap():
    return imaplib.IMAP4(HOST, A.imap, timeout=TIMEOUT)


def pop3():
    return poplib.POP3(HOST, A.pop3, timeout=TIMEOUT)


def smtp():
    return smtplib.SMTP(HOST, A.smtp, local_hostname="client.example.test", timeout=TIMEOUT)


def close_quietly(conn):
    for m in ("logout", "quit", "close"):
        if hasattr(conn, m):
            try:
                getattr(conn, m)()
            except Exception:
                pass
            return


def raw_exchange(port, data, until, limit=TIMEOUT):
    """Connect, read the greeting, send `data` in one write, read until the
    regex `until` matches the text received after the greeting (or timeout/EOF)."""
    SHARED.pop("raw_eof", None)
    s = socket.create_connection((HOST, port), timeout=TIMEOUT)
    try:
        greeting = b""
        while b"\r\n" not in greeting:
            chunk = s.recv(4096)
            if not chunk:
                break
            greeting += chunk
        s.sendall(data)
        got = b""
        deadline = time.monotonic() + limit
        while not re.search(until, got.decode("latin-1")):
            s.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                SHARED["raw_eof"] = True
                break
            got += chunk
            if time.monotonic() > deadline:
                break
        return greeting.decode("latin-1"), got.decode("latin-1")
    finally:
        s.close()


def curl(*args):
    cmd = ["curl", "-sS", "--max-time", str(CURL_TIMEOUT), "--connect-timeout", str(TIMEOUT)] + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=CURL_TIMEOUT + 5)
    return p.returncode, p.stdout, p.stderr


def swaks(port, *args):
    """Run swaks against the proxy: (exit status, its transcript)."""
    cmd = ["swaks", "--server", "%s:%d" % (HOST, port), "--helo", "client.example.test",
           "--timeout", str(TIMEOUT)] + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=SWAKS_TIMEOUT,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout + p.stderr


def show(x):
    if isinstance(x, bytes):
        x = x.decode("latin-1")
    return repr(x)


# ---- auth_file: users from a file, backends Dovecot and Postfix -------------------------------
# The servers on --af-imap/--af-pop3/--af-smtp name auth_file, so the mail-level auth_http
# is not theirs: each check also finds no new request in the auth service's log.  The file
# holds alice with a yescrypt hash and bob as {PLAIN}.  Not run against nginx (no --af-*).
# They come first: once the first has shown that the IMAP one asks no auth service,
# auth-file-bad-password-wait-retry (at the end) waits out its Auth-Wait in the background.

AF_WAIT = 2.5      # auth_file answers a bad login after Auth-Wait: 3


def no_auth_http(since):
    reqs = auth_requests(since)
    ensure(not reqs, "the auth_file server asked the auth_http service:",
           *[fmt_req(r) for r in reqs[-3:]])


def af_imap():
    return imaplib.IMAP4(HOST, A.af_imap, timeout=TIMEOUT)


@check("auth-file-imap-login-hash", group="auth_file")
def _():
    mark = auth_log_mark()
    c = af_imap()
    try:
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN alice: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX: %s %s" % (typ, show(data)))
        typ, data = c.logout()
        ensure(typ == "BYE", "LOGOUT: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    no_auth_http(mark)


@check("auth-file-imap-cram-md5-plain", group="auth_file")
def _():
    mark = auth_log_mark()
    c = af_imap()
    try:
        typ, data = c.capability()
        caps = b" ".join(data).decode().upper().split()
        ensure("AUTH=CRAM-MD5" in caps, "AUTH=CRAM-MD5 not in CAPABILITY: %s" % show(b" ".join(data)))
        typ, data = c.login_cram_md5("bob", USERS["bob"])
        ensure(typ == "OK", "AUTHENTICATE CRAM-MD5 bob: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    no_auth_http(mark)


@check("auth-file-pop3-apop-plain", group="auth_file")
def _():
    mark = auth_log_mark()
    c = poplib.POP3(HOST, A.af_pop3, timeout=TIMEOUT)
    try:
        welcome = c.getwelcome()
        ensure(re.search(rb"<[^>]+>", welcome), "no APOP timestamp in the greeting %s" % show(welcome))
        resp = c.apop("bob", USERS["bob"])
        ensure(resp.startswith(b"+OK"), "APOP bob: %s" % show(resp))
        n, size = c.stat()
        ensure(n >= 0 and size >= 0, "STAT %r %r" % (n, size))
        resp = c.quit()
        ensure(resp.startswith(b"+OK"), "QUIT: %s" % show(resp))
    finally:
        close_quietly(c)
    no_auth_http(mark)


@check("auth-file-pop3-user-pass-hash", group="auth_file")
def _():
    mark = auth_log_mark()
    c = poplib.POP3(HOST, A.af_pop3, timeout=TIMEOUT)
    try:
        c.user("alice")
        resp = c.pass_("alice-pw")
        ensure(resp.startswith(b"+OK"), "PASS: %s" % show(resp))
        n, size = c.stat()
        ensure(n >= 0 and size >= 0, "STAT %r %r" % (n, size))
        resp = c.quit()
        ensure(resp.startswith(b"+OK"), "QUIT: %s" % show(resp))
    finally:
        close_quietly(c)
    no_auth_http(mark)


@check("auth-file-smtp-login-delivered", group="auth_file")
def _():
    mark = auth_log_mark()
    token = "postern-e2e-authfile-" + uuid.uuid4().hex
    c = smtplib.SMTP(HOST, A.af_smtp, local_hostname="client.example.test", timeout=TIMEOUT)
    try:
        code, msg = c.login("alice", "alice-pw")
        ensure(code == 235, "login alice: %d %s" % (code, show(msg)))
        body = ("From: alice@example.test\r\nTo: alice@example.test\r\n"
                "Subject: %s\r\n\r\nsent through an auth_file server by tests/e2e\r\n" % token)
        refused = c.sendmail("alice@example.test", ["alice@example.test"], body)
        ensure(not refused, "recipients refused: %r" % refused)
        c.quit()
    finally:
        close_quietly(c)
    no_auth_http(mark)
    received = wait_delivered("alice", token)
    ensure(any("Authenticated sender: alice)" in h for h in received),
           "no 'Authenticated sender: alice' in the Received headers:", *received)


# ---- IMAP ------------------------------------------------------------------------------

@check("imap-capability")
def _():
    c = imap()
    try:
        typ, data = c.capability()
        caps = b" ".join(data).decode().upper().split()
        ensure(typ == "OK", "CAPABILITY answered %s %s" % (typ, show(data)))
        ensure("AUTH=PLAIN" in caps, "AUTH=PLAIN not in CAPABILITY: %s" % show(b" ".join(data)))
        ensure("IMAP4REV1" in caps, "IMAP4rev1 not in CAPABILITY: %s" % show(b" ".join(data)))
    finally:
        close_quietly(c)


@check("imap-login-select-logout")
def _():
    mark = auth_log_mark()
    c = imap()
    try:
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX: %s %s" % (typ, show(data)))
        ensure(c.state == "SELECTED", "state %s after SELECT" % c.state)
        typ, data = c.logout()
        ensure(typ == "BYE", "LOGOUT: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    SHARED["imap_req"] = find_request(mark, auth_user="alice", auth_protocol="imap")


@check("imap-auth-headers")
def _():
    r = SHARED.get("imap_req")
    ensure(r is not None, "no request recorded by imap-login-select-logout")
    header_is(r, "Auth-Method", "plain")
    header_is(r, "Auth-User", "alice")
    header_is(r, "Auth-Pass", "alice-pw")
    header_is(r, "Auth-Protocol", "imap")
    header_is(r, "Auth-Login-Attempt", "1")
    header_is(r, "Client-IP", "127.0.0.1")
    ensure("client-host" not in r["h"], "Client-Host sent for IMAP", fmt_req(r))
    ensure(r["path"] == "/auth", "request path %r, expected /auth" % r["path"])


@check("auth-request-client-port-server", group="postern")
def _():
    """postern's own headers: the client's port, and the address and port it
    reached (the client's own socket says which)."""
    m = imap()
    try:
        mark = auth_log_mark()
        port = m.sock.getsockname()[1]
        typ, data = m.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN: %s %s" % (typ, show(data)))
    finally:
        close_quietly(m)
    r = find_request(mark, auth_user="alice", auth_protocol="imap")
    ensure(r is not None, "no auth request recorded")
    header_is(r, "Client-Port", str(port))
    header_is(r, "Server-Addr", HOST)
    header_is(r, "Server-Port", str(A.imap))


def scrape_metrics():
    """status_listen's /metrics as {"name{labels}": value}."""
    s = socket.create_connection((HOST, A.status), TIMEOUT)
    try:
        s.sendall(b"GET /metrics HTTP/1.1\r\nHost: %s\r\n\r\n" % HOST.encode())
        got = b""
        while True:
            d = s.recv(65536)
            if not d:
                break
            got += d
    finally:
        s.close()
    head, _, body = got.partition(b"\r\n\r\n")
    ensure(head.startswith(b"HTTP/1.1 200 OK\r\n"), "status_listen answered %s" % show(head))
    ensure(b"Content-Type: text/plain; version=0.0.4" in head, show(head))
    out = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#"):
            k, v = line.rsplit(" ", 1)
            out[k] = float(v)
    return out


@check("metrics-grow-after-logins", group="postern")
def _():
    """status_listen: an IMAP and a POP3 session relayed to Dovecot show in
    the sessions, bytes and auth_http counters (other checks may add to them
    meanwhile: at least, not exactly)."""
    a = scrape_metrics()
    m = imap()
    try:
        typ, data = m.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN: %s %s" % (typ, show(data)))
        typ, data = m.select("INBOX")
        ensure(typ == "OK", "SELECT: %s %s" % (typ, show(data)))
        m.logout()
    finally:
        close_quietly(m)
    p = pop3()
    try:
        p.user("bob")
        p.pass_("b ob%pw")
        p.stat()
        p.quit()
    finally:
        close_quietly(p)
    time.sleep(0.3)
    b = scrape_metrics()
    def grew(key, by):
        ensure(b.get(key, 0) - a.get(key, 0) >= by, "%s: %s -> %s, expected +%d" %
               (key, a.get(key), b.get(key), by))
    grew('postern_sessions_total{protocol="imap",result="relayed"}', 1)
    grew('postern_sessions_total{protocol="pop3",result="relayed"}', 1)
    # "a2 SELECT INBOX\r\n" and LOGOUT went up, Dovecot's answers came down
    grew('postern_relayed_bytes_total{protocol="imap",direction="in"}', 20)
    grew('postern_relayed_bytes_total{protocol="imap",direction="out"}', 50)
    grew('postern_relayed_bytes_total{protocol="pop3",direction="in"}', 10)
    grew("postern_auth_http_duration_seconds_count", 2)


@check("limits-conn-and-login-dovecot", group="postern")
def _():
    """limit_conn_per_ip 2: a third connection gets "* BYE Too many
    connections"; limit_login_per_user 1r/m burst=1: imaplib's third LOGIN
    for one user is refused without an auth request."""
    a = scrape_metrics()
    held = [imaplib.IMAP4(HOST, A.imap_limits, timeout=TIMEOUT) for _ in range(2)]
    try:
        third = socket.create_connection((HOST, A.imap_limits), TIMEOUT)
        try:
            line = third.makefile("rb").readline()
            ensure(line == b"* BYE Too many connections, try later\r\n", show(line))
        finally:
            third.close()
    finally:
        for c in held:
            close_quietly(c)
    time.sleep(0.3)
    mark = auth_log_mark()
    for k in range(3):
        m = imaplib.IMAP4(HOST, A.imap_limits, timeout=TIMEOUT)
        try:
            try:
                typ, data = m.login("bob", "b ob%pw")
            except imaplib.IMAP4.error as e:
                ensure(k == 2, "login %d refused: %s" % (k + 1, e))
                ensure("[UNAVAILABLE] Too many login attempts, try later" in str(e), str(e))
                continue
            ensure(k < 2 and typ == "OK", "login %d: %s %s" % (k + 1, typ, show(data)))
            m.logout()
        finally:
            close_quietly(m)
    time.sleep(0.3)
    n = sum(1 for r in auth_requests(mark) if r["h"].get("auth-user") == "bob")
    ensure(n == 2, "%d auth requests for bob, expected 2 (the third is refused first)" % n)
    b = scrape_metrics()
    for lim, by in (("conn_per_ip", 1), ("login_per_user", 1)):
        key = 'postern_limit_refused_total{limit="%s"}' % lim
        ensure(b.get(key, 0) - a.get(key, 0) == by, "%s: %s -> %s" % (key, a.get(key), b.get(key)))


@check("imap-login-space-percent-password")
def _():
    mark = auth_log_mark()
    c = imap()
    try:
        typ, data = c.login("bob", USERS["bob"])   # imaplib sends it quoted: "b ob%pw"
        ensure(typ == "OK", "LOGIN bob: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    SHARED["bob_req"] = find_request(mark, auth_user="bob", auth_protocol="imap")


@check("auth-pass-escaped")
def _():
    r = SHARED.get("bob_req")
    ensure(r is not None, "no request recorded by imap-login-space-percent-password")
    header_is(r, "Auth-Pass", "b%20ob%25pw")


@check("imap-bad-password")
def _():
    c = imap()
    try:
        try:
            typ, data = c.login("alice", "wrong-pw")
            raise Fail("LOGIN with a wrong password answered %s %s" % (typ, show(data)))
        except imaplib.IMAP4.error as e:
            msg = str(e)
        ensure(BAD_TEXT in msg, "expected NO with %r, got %r" % (BAD_TEXT, msg))
    finally:
        close_quietly(c)


@check("imap-bad-password-closes")
def _():
    # No Auth-Wait in the auth service's answer: the proxy sends the error, then
    # closes the session (nginx-mail.md section 2).  raw_exchange reads to EOF.
    _, got = raw_exchange(A.imap, b"t1 LOGIN alice wrong-pw\r\n", r"\Z(?!x)x")
    ensure(re.search(r"(?m)^t1 NO .*" + re.escape(BAD_TEXT), got),
           "expected 't1 NO %s', got %s" % (BAD_TEXT, show(got)))
    ensure(SHARED.pop("raw_eof", False), "the connection stayed open %ds after the NO" % TIMEOUT)


@check("imap-authenticate-plain")
def _():
    mark = auth_log_mark()
    c = imap()
    try:
        typ, data = c.authenticate("PLAIN", lambda _: b"\0alice\0alice-pw")
        ensure(typ == "OK", "AUTHENTICATE PLAIN: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    r = find_request(mark, auth_user="alice", auth_protocol="imap")
    header_is(r, "Auth-Method", "plain")


@check("imap-pipelined-after-login")
def _():
    mark = auth_log_mark()
    _, got = raw_exchange(A.imap, b"a1 LOGIN alice alice-pw\r\na2 SELECT INBOX\r\n",
                          r"(?m)^a2 (OK|NO|BAD)")
    ensure(re.search(r"(?m)^a1 OK", got), "a1 not answered OK: %s" % show(got))
    ensure(re.search(r"(?m)^a2 OK", got), "a2 not answered OK: %s" % show(got))
    # Only the backend answers SELECT: Dovecot's untagged FLAGS/UIDVALIDITY and its text.
    ensure(re.search(r"(?m)^\* OK \[UIDVALIDITY \d+\]", got) and
           re.search(r"(?m)^a2 OK \[READ-WRITE\] Select completed", got),
           "a2 not answered by Dovecot: %s" % show(got))
    find_request(mark, auth_user="alice", auth_protocol="imap")


@check("curl-imap-list")
def _():
    mark = auth_log_mark()
    rc, out, err = curl("imap://%s:%d/" % (HOST, A.imap), "-u", "alice:alice-pw")
    ensure(rc == 0, "curl exit %d: %s" % (rc, err.strip()))
    ensure(re.search(r'(?m)^\* LIST \([^)]*\) "[^"]*" "?INBOX"?\s*$', out),
           "no INBOX in the LIST output: %s" % show(out))
    # curl takes the strongest mechanism offered; AUTH=PLAIN is the only one here.
    r = find_request(mark, auth_user="alice", auth_protocol="imap")
    header_is(r, "Auth-Method", "plain")


# ---- POP3 ------------------------------------------------------------------------------

@check("pop3-user-pass-stat-quit")
def _():
    mark = auth_log_mark()
    c = pop3()
    try:
        ensure(c.getwelcome().startswith(b"+OK"), "greeting %s" % show(c.getwelcome()))
        c.user("alice")
        resp = c.pass_("alice-pw")
        ensure(resp.startswith(b"+OK"), "PASS: %s" % show(resp))
        n, size = c.stat()
        ensure(n >= 0 and size >= 0, "STAT %r %r" % (n, size))
        resp = c.quit()
        ensure(resp.startswith(b"+OK"), "QUIT: %s" % show(resp))
    finally:
        close_quietly(c)
    SHARED["pop3_req"] = find_request(mark, auth_user="alice", auth_protocol="pop3")


@check("pop3-auth-headers")
def _():
    r = SHARED.get("pop3_req")
    ensure(r is not None, "no request recorded by pop3-user-pass-stat-quit")
    header_is(r, "Auth-Method", "plain")
    header_is(r, "Auth-Protocol", "pop3")
    header_is(r, "Auth-Login-Attempt", "1")
    header_is(r, "Client-IP", "127.0.0.1")
    ensure("client-host" not in r["h"], "Client-Host sent for POP3", fmt_req(r))


@check("pop3-apop")
def _():
    mark = auth_log_mark()
    c = pop3()
    try:
        welcome = c.getwelcome()
        m = re.search(rb"<[^>]+>", welcome)
        ensure(m, "no APOP timestamp in the greeting %s" % show(welcome))
        resp = c.apop("alice", "alice-pw")
        ensure(resp.startswith(b"+OK"), "APOP: %s" % show(resp))
        n, _ = c.stat()
        ensure(n >= 0, "STAT after APOP")
    finally:
        close_quietly(c)
    r = find_request(mark, auth_user="alice", auth_protocol="pop3")
    header_is(r, "Auth-Method", "apop")
    header_is(r, "Auth-Salt", m.group(0).decode())
    want = hashlib.md5(m.group(0) + b"alice-pw").hexdigest()
    header_is(r, "Auth-Pass", want)


@check("pop3-bad-password")
def _():
    c = pop3()
    try:
        c.user("alice")
        try:
            resp = c.pass_("wrong-pw")
            raise Fail("PASS with a wrong password answered %s" % show(resp))
        except poplib.error_proto as e:
            msg = e.args[0] if e.args else b""
        msg = msg.decode("latin-1") if isinstance(msg, bytes) else str(msg)
        ensure(msg.startswith("-ERR"), "expected -ERR, got %r" % msg)
        ensure(BAD_TEXT in msg, "expected -ERR with %r, got %r" % (BAD_TEXT, msg))
    finally:
        close_quietly(c)


@check("curl-pop3-auth-plain")
def _():
    mark = auth_log_mark()
    rc, out, err = curl("pop3://%s:%d/" % (HOST, A.pop3), "-u", "alice:alice-pw",
                        "--login-options", "AUTH=PLAIN")
    ensure(rc == 0, "curl exit %d: %s" % (rc, err.strip()))
    r = find_request(mark, auth_user="alice", auth_protocol="pop3")
    header_is(r, "Auth-Method", "plain")


@check("curl-pop3-auth-cram-md5")
def _():
    mark = auth_log_mark()
    rc, out, err = curl("pop3://%s:%d/" % (HOST, A.pop3), "-u", "bob:" + USERS["bob"],
                        "--login-options", "AUTH=CRAM-MD5")
    ensure(rc == 0, "curl exit %d: %s" % (rc, err.strip()))
    r = find_request(mark, auth_user="bob", auth_protocol="pop3")
    header_is(r, "Auth-Method", "cram-md5")
    salt = r["h"].get("auth-salt", "")
    want = hmac.new(USERS["bob"].encode(), salt.encode(), hashlib.md5).hexdigest()
    header_is(r, "Auth-Pass", want)


# ---- SMTP ------------------------------------------------------------------------------

@check("smtp-ehlo")
def _():
    c = smtp()
    try:
        code, msg = c.ehlo()
        ensure(code == 250, "EHLO: %d %s" % (code, show(msg)))
        auth = c.esmtp_features.get("auth", "").upper().split()
        for mech in ("PLAIN", "LOGIN", "CRAM-MD5"):
            ensure(mech in auth, "AUTH %s not offered: %s" % (mech, show(msg)))
    finally:
        close_quietly(c)


@check("smtp-auth-plain-send")
def _():
    mark = auth_log_mark()
    token = "postern-e2e-" + uuid.uuid4().hex
    c = smtp()
    try:
        c.ehlo()
        c.user, c.password = "alice", "alice-pw"
        code, msg = c.auth("PLAIN", c.auth_plain, initial_response_ok=True)
        ensure(code == 235, "AUTH PLAIN: %d %s" % (code, show(msg)))
        body = ("From: alice@example.test\r\nTo: alice@example.test\r\n"
                "Subject: %s\r\nMessage-ID: <%s@client.example.test>\r\n\r\n"
                "sent through the proxy by tests/e2e\r\n" % (token, token))
        refused = c.sendmail("alice@example.test", ["alice@example.test"], body)
        ensure(not refused, "recipients refused: %r" % refused)
        c.quit()
    finally:
        close_quietly(c)
    SHARED["smtp_token"] = token
    SHARED["smtp_req"] = find_request(mark, auth_user="alice", auth_protocol="smtp")


def find_delivered(user, token):
    for path in glob.glob(os.path.join(A.state, "mail", user, "Maildir", "new", "*")) + \
            glob.glob(os.path.join(A.state, "mail", user, "Maildir", "cur", "*")):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        if token.encode() in data:
            return path, data
    return None, None


def wait_delivered(user, token):
    """The Received headers (each on one line) of the message holding `token`
    in user's maildir, once Postfix has delivered it."""
    deadline = time.monotonic() + DELIVERY_WAIT
    path = None
    while path is None and time.monotonic() < deadline:
        path, data = find_delivered(user, token)
        if path is None:
            time.sleep(0.1)
    if path is None:
        tail = ""
        try:
            with open(os.path.join(A.state, "pf", "maillog")) as f:
                tail = "".join(f.readlines()[-10:])
        except OSError:
            pass
        raise Fail("not in %s's maildir after %ds\n--- tail of pf/maillog:\n%s" % (user, DELIVERY_WAIT, tail))
    msg = email.message_from_bytes(data)
    return [" ".join(h.split()) for h in (msg.get_all("Received") or [])]


@check("smtp-delivered-xclient-login")
def _():
    token = SHARED.get("smtp_token")
    ensure(token, "smtp-auth-plain-send sent no mail")
    received = wait_delivered("alice", token)
    ensure(any("Authenticated sender: alice)" in h for h in received),
           "no 'Authenticated sender: alice' in the Received headers:", *received)


@check("imap-auth-wait-retry")
def _():
    """Auth-Wait: the NO comes after the wait, and a second LOGIN on the same
    connection gets in (Auth-Login-Attempt: 2)."""
    mark = auth_log_mark()
    c = imap()
    try:
        t0 = time.monotonic()
        try:
            c.login("alice", "please-wait")
            raise Fail("logged in with the wrong password")
        except imaplib.IMAP4.error as e:
            ensure(BAD_TEXT in str(e), "not the auth service's text: %s" % e)
        waited = time.monotonic() - t0
        ensure(waited >= 0.9, "the NO came after %.2fs, before Auth-Wait's 1s" % waited)
        typ, _ = c.login("alice", USERS["alice"])
        ensure(typ == "OK", "the retry did not log in")
        r = find_request(mark, auth_user="alice", auth_login_attempt="2")
        ensure(r is not None, "no second attempt in the auth log")
        c.logout()
    finally:
        close_quietly(c)


@check("imap-fetch-10mib")
def _():
    """A 10 MiB message put into alice's maildir comes back byte for byte
    through the relay."""
    token = "big-" + uuid.uuid4().hex
    line = b"x" * 76 + b"\r\n"
    body = (b"From: big@example.test\r\nTo: alice@example.test\r\nSubject: " + token.encode() +
            b"\r\n\r\n" + line * (10 * 1024 * 1024 // len(line)))
    newdir = os.path.join(A.state, "mail", "alice", "Maildir", "new")
    path = os.path.join(newdir, "%d.%s.e2e" % (int(time.time()), token))
    st = os.stat(newdir)
    with open(path + ".tmp", "wb") as f:
        f.write(body)
    os.chown(path + ".tmp", st.st_uid, st.st_gid)
    os.rename(path + ".tmp", path)
    c = imap()
    try:
        c.login("alice", USERS["alice"])
        typ, _ = c.select("INBOX")
        ensure(typ == "OK", "SELECT failed")
        typ, data = c.search(None, "SUBJECT", token)
        ensure(typ == "OK" and data[0], "the message is not in INBOX: %r" % (data,))
        num = data[0].split()[-1]
        typ, data = c.fetch(num, "(BODY.PEEK[])")
        ensure(typ == "OK", "FETCH failed")
        got = data[0][1]
        ensure(len(got) == len(body), "got %d bytes, want %d" % (len(got), len(body)))
        ensure(got == body, "the bytes differ")
        c.logout()
    finally:
        close_quietly(c)


@check("smtp-auth-headers")
def _():
    r = SHARED.get("smtp_req")
    ensure(r is not None, "no request recorded by smtp-auth-plain-send")
    header_is(r, "Auth-Method", "plain")
    header_is(r, "Auth-Protocol", "smtp")
    header_is(r, "Auth-Login-Attempt", "1")
    header_is(r, "Client-IP", "127.0.0.1")
    header_is(r, "Client-Host", "[UNAVAILABLE]")


@check("smtp-auth-login")
def _():
    mark = auth_log_mark()
    c = smtp()
    try:
        c.ehlo()
        c.user, c.password = "bob", USERS["bob"]
        code, msg = c.auth("LOGIN", c.auth_login, initial_response_ok=False)
        ensure(code == 235, "AUTH LOGIN: %d %s" % (code, show(msg)))
        code, msg = c.mail("bob@example.test")
        ensure(code == 250, "MAIL FROM after AUTH LOGIN: %d %s" % (code, show(msg)))
        c.rset()
    finally:
        close_quietly(c)
    r = find_request(mark, auth_user="bob", auth_protocol="smtp")
    header_is(r, "Auth-Method", "plain")   # SASL LOGIN is reported as plain
    header_is(r, "Auth-Pass", "b%20ob%25pw")


@check("smtp-auth-cram-md5")
def _():
    mark = auth_log_mark()
    c = smtp()
    try:
        c.ehlo()
        c.user, c.password = "alice", "alice-pw"
        code, msg = c.auth("CRAM-MD5", c.auth_cram_md5)
        ensure(code == 235, "AUTH CRAM-MD5: %d %s" % (code, show(msg)))
    finally:
        close_quietly(c)
    r = find_request(mark, auth_user="alice", auth_protocol="smtp")
    header_is(r, "Auth-Method", "cram-md5")


@check("smtp-bad-login")
def _():
    c = smtp()
    try:
        c.ehlo()
        c.user, c.password = "alice", "wrong-pw"
        try:
            code, msg = c.auth("PLAIN", c.auth_plain, initial_response_ok=True)
        except smtplib.SMTPAuthenticationError as e:
            code, msg = e.smtp_code, e.smtp_error
        ensure(code == 535, "expected 535, got %d %s" % (code, show(msg)))
        ensure(BAD_TEXT.encode() in msg, "expected the auth service's text in %s" % show(msg))
    finally:
        close_quietly(c)


# ---- swaks ------------------------------------------------------------------------------

def swaks_send(mech, to_user):
    """swaks as alice with AUTH `mech`: the mail reaches to_user's maildir,
    and Postfix saw alice's login through XCLIENT."""
    mark = auth_log_mark()
    token = "postern-e2e-swaks-" + uuid.uuid4().hex
    rc, out = swaks(A.smtp, "--auth", mech, "--auth-user", "alice", "--auth-password", "alice-pw",
                    "--from", "alice@example.test", "--to", "%s@example.test" % to_user,
                    "--header", "Subject: %s" % token, "--body", "sent by swaks through the proxy\n")
    ensure(rc == 0, "swaks --auth %s exited with %d:" % (mech, rc), out)
    ensure(re.search(r"(?m)^ *~?-> AUTH %s\b" % mech, out),
           "swaks did not use AUTH %s:" % mech, out)
    ensure(re.search(r"(?m)^ *<~?- +235 ", out), "no 235 after AUTH %s:" % mech, out)
    r = find_request(mark, auth_user="alice", auth_protocol="smtp")
    header_is(r, "Auth-Method", "plain")   # SASL LOGIN is reported as plain
    header_is(r, "Auth-Pass", "alice-pw")
    received = wait_delivered(to_user, token)
    ensure(any("Authenticated sender: alice)" in h for h in received),
           "no 'Authenticated sender: alice' in the Received headers:", *received)


@check("swaks-auth-plain-delivered")
def _():
    swaks_send("PLAIN", "alice")


@check("swaks-auth-login-delivered")
def _():
    swaks_send("LOGIN", "bob")


@check("swaks-bad-password")
def _():
    rc, out = swaks(A.smtp, "--auth", "PLAIN", "--auth-user", "alice", "--auth-password", "wrong-pw",
                    "--from", "alice@example.test", "--to", "alice@example.test")
    ensure(rc == 28, "swaks exited with %d, expected 28 (error in AUTH):" % rc, out)
    ensure(re.search(r"(?m)^ *<~?\*\* +535 5\.7\.0 %s\r?$" % re.escape(BAD_TEXT), out),
           "no '535 5.7.0 %s' in the transcript:" % BAD_TEXT, out)


@check("swaks-no-auth-refused")
def _():
    # The SMTP server has no smtp_auth none: MAIL before AUTH is refused.
    rc, out = swaks(A.smtp, "--from", "alice@example.test", "--to", "alice@example.test")
    ensure(rc == 23, "swaks exited with %d, expected 23 (error in MAIL):" % rc, out)
    ensure(re.search(r"(?m)^ *<~?\*\* +530 5\.7\.1 Authentication required\r?$", out),
           "no '530 5.7.1 Authentication required' in the transcript:", out)


@check("swaks-smtp-auth-none-delivered")
def _():
    """smtp_auth none: the first RCPT asks the auth service (Auth-Method: none,
    with the HELO, MAIL and RCPT lines), and the mail gets through without a login."""
    mark = auth_log_mark()
    token = "postern-e2e-noauth-" + uuid.uuid4().hex
    rc, out = swaks(A.smtp_noauth, "--from", "alice@example.test", "--to", "bob@example.test",
                    "--header", "Subject: %s" % token, "--body", "sent by swaks without AUTH\n")
    ensure(rc == 0, "swaks exited with %d:" % rc, out)
    r = SHARED["none_req"] = find_request(mark, auth_method="none", auth_protocol="smtp")
    header_is(r, "Auth-SMTP-Helo", "client.example.test")
    header_is(r, "Auth-SMTP-From", "MAIL FROM:<alice@example.test>")
    header_is(r, "Auth-SMTP-To", "RCPT TO:<bob@example.test>")
    received = wait_delivered("bob", token)
    ensure(not any("Authenticated sender:" in h for h in received),
           "an 'Authenticated sender' without a login:", *received)
    ensure(any(h.startswith("from client.example.test (") for h in received),
           "the client's HELO is not in the Received headers:", *received)


@check("smtp-auth-none-empty-user-pass")
def _():
    # nginx sends Auth-User and Auth-Pass in every request, empty ones too.
    r = SHARED.get("none_req")
    ensure(r is not None, "no request recorded by swaks-smtp-auth-none-delivered")
    header_is(r, "Auth-User", "")
    header_is(r, "Auth-Pass", "")


# ---- TLS with the client ----------------------------------------------------------------------
# Six servers share one self-signed certificate for mail.example.test (--tls-cert) and
# "ssl_protocols TLSv1.2": IMAPS (--imaps), IMAP with "starttls on" (--imap-starttls), POP3S
# (--pop3s), POP3 with "starttls on" (--pop3-starttls), SMTPS (--smtps) and SMTP with
# "starttls only" (--smtp-starttls-only).  Each is used by curl (-k; --ssl-reqd for
# STARTTLS), by openssl s_client (which verifies the certificate and its name) and by
# Python's imaplib/poplib/smtplib (which verify the certificate; the raw checks also its
# name).  Every session must have negotiated TLS 1.2 with an ECDHE suite and an AEAD
# cipher, and every login must have reached the auth service with "Auth-SSL: on",
# "Auth-SSL-Protocol: TLSv1.2" and, in Auth-SSL-Cipher, the suite the client saw.
# Then, for each protocol, the STARTTLS injection check: a command sent in the same packet
# as STARTTLS must be discarded, never run inside TLS (RFC 2595 section 4, CVE-2011-0411).

TLS_NAME = "mail.example.test"
TLS_VERSION = "TLSv1.2"
TLS_SUITE = r"ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)"


def tls_ctx(check_name=False):
    """A client context that trusts only the test certificate.  check_name: also
    the name mail.example.test (for sockets wrapped with server_hostname)."""
    c = ssl.create_default_context(cafile=A.tls_cert)
    c.check_hostname = check_name
    return c


def tls_session_ok(sock, what):
    """sock (an ssl.SSLSocket) negotiated TLS 1.2 with an ECDHE+AEAD suite: its name."""
    ensure(sock.version() == TLS_VERSION, "%s: TLS version %r, expected %r" % (what, sock.version(), TLS_VERSION))
    suite = sock.cipher()[0]
    ensure(re.fullmatch(TLS_SUITE, suite), "%s: cipher suite %r is not ECDHE with an AEAD cipher" % (what, suite))
    return suite


def tls_auth_request(since, user, proto, suite):
    """The auth service's request for `user` since `since`: it says the client uses
    TLS 1.2 with `suite` (its OpenSSL name, as the client reported it)."""
    r = find_request(since, auth_user=user, auth_protocol=proto)
    header_is(r, "Auth-SSL", "on")
    header_is(r, "Auth-SSL-Protocol", TLS_VERSION)
    header_is(r, "Auth-SSL-Cipher", suite)
    return r


def no_request_for(since, user):
    reqs = [r for r in auth_requests(since) if r["h"].get("auth-user") == user]
    ensure(not reqs, "the auth service was asked about %s:" % user, *[fmt_req(r) for r in reqs])


def tls_seed():
    """A small message put straight into alice's maildir, once: what the TLS checks
    fetch (IMAP) and list (POP3).  (token, its bytes)."""
    if "tls_seed" not in SHARED:
        token = "postern-e2e-tls-" + uuid.uuid4().hex
        body = ("From: seed@example.test\r\nTo: alice@example.test\r\nSubject: %s\r\n\r\n"
                "read back over TLS by tests/e2e\r\n" % token).encode()
        newdir = os.path.join(A.state, "mail", "alice", "Maildir", "new")
        path = os.path.join(newdir, "%d.%s.e2e" % (int(time.time()), token))
        st = os.stat(newdir)
        with open(path + ".tmp", "wb") as f:
            f.write(body)
        os.chown(path + ".tmp", st.st_uid, st.st_gid)
        os.rename(path + ".tmp", path)
        SHARED["tls_seed"] = (token, body)
    return SHARED["tls_seed"]


# -- curl: -k, --ssl-reqd for STARTTLS; -v shows what TLS it negotiated

def curl_tls(url, *args):
    rc, out, err = curl(url, "-k", "-v", *args)
    ensure(rc == 0, "curl %s exit %d:" % (url, rc), *[l for l in err.splitlines() if not l.startswith(("> ", "< "))][-12:])
    m = re.search(r"(?m)^\* SSL connection using (\S+) / (\S+)", err)
    ensure(m, "curl -v did not report an SSL connection:", *err.splitlines()[-12:])
    ensure(m.group(1) == TLS_VERSION and re.fullmatch(TLS_SUITE, m.group(2)),
           "curl negotiated %s / %s, expected %s with ECDHE+AEAD" % (m.group(1), m.group(2), TLS_VERSION))
    return out, m.group(2)


def curl_tls_imap_list(url, *args):
    mark = auth_log_mark()
    out, suite = curl_tls(url, "-u", "alice:alice-pw", *args)
    ensure(re.search(r'(?m)^\* LIST \([^)]*\) "[^"]*" "?INBOX"?\s*$', out),
           "no INBOX in the LIST output: %s" % show(out))
    tls_auth_request(mark, "alice", "imap", suite)


@check("tls-curl-imaps-list")
def _():
    curl_tls_imap_list("imaps://%s:%d/" % (HOST, A.imaps))


@check("tls-curl-imap-starttls-list")
def _():
    curl_tls_imap_list("imap://%s:%d/" % (HOST, A.imap_starttls), "--ssl-reqd")


def curl_tls_pop3_list(url, *args):
    _, body = tls_seed()
    mark = auth_log_mark()
    out, suite = curl_tls(url, "-u", "alice:alice-pw", *args)
    lines = out.splitlines()
    ensure(lines and all(re.fullmatch(r"\d+ \d+", l) for l in lines),
           "not a POP3 LIST (number and size a line): %s" % show(out))
    # Dovecot counts the size with CRLF line ends, as the message is stored.
    ensure(any(l.split()[1] == str(len(body)) for l in lines),
           "no message of the seeded one's %d bytes in the LIST: %s" % (len(body), show(out)))
    tls_auth_request(mark, "alice", "pop3", suite)


@check("tls-curl-pop3s-list")
def _():
    curl_tls_pop3_list("pop3s://%s:%d/" % (HOST, A.pop3s))


@check("tls-curl-pop3-starttls-list")
def _():
    curl_tls_pop3_list("pop3://%s:%d/" % (HOST, A.pop3_starttls), "--ssl-reqd")


def curl_tls_smtp_send(url, name, *args):
    """curl sends a mail to alice as alice; it is checked for in the maildir by
    tls-smtp-delivered, later (Postfix delivers meanwhile)."""
    mark = auth_log_mark()
    token = "postern-e2e-tls-curl-" + uuid.uuid4().hex
    path = os.path.join(A.state, token + ".eml")
    with open(path, "w") as f:
        f.write("From: alice@example.test\r\nTo: alice@example.test\r\nSubject: %s\r\n\r\n"
                "sent by curl over %s by tests/e2e\r\n" % (token, name))
    _, suite = curl_tls(url, "-u", "alice:alice-pw", "--mail-from", "alice@example.test",
                        "--mail-rcpt", "alice@example.test", "--upload-file", path, *args)
    tls_auth_request(mark, "alice", "smtp", suite)
    SHARED.setdefault("tls_sent", []).append((name, token))


@check("tls-curl-smtps-send")
def _():
    curl_tls_smtp_send("smtps://%s:%d/client.example.test" % (HOST, A.smtps), "smtps")


@check("tls-curl-smtp-starttls-send")
def _():
    curl_tls_smtp_send("smtp://%s:%d/client.example.test" % (HOST, A.smtp_starttls), "smtp starttls",
                       "--ssl-reqd")


# -- openssl s_client, driven a line at a time

class SClient:
    """openssl s_client to 127.0.0.1:port, -starttls `starttls` if given.  It verifies
    the certificate and the name mail.example.test (-verify_return_error), and
    -brief reports the protocol version and suite on stderr, which is read apart
    from what the server sends (stdout): after a STARTTLS, s_client also echoes
    the last plaintext line it read to stderr."""

    def __init__(self, port, starttls=None, cert=None, brief=True, extra=(), name=TLS_NAME,
                 cafile=None):
        """brief=False: s_client's full report (with "New," or "Reused,") goes
        to stdout before what the server sends (report() reads it); extra: more
        arguments (-sess_out, -sess_in)."""
        cmd = ["openssl", "s_client", "-connect", "%s:%d" % (HOST, port), "-servername", name,
               "-CAfile", cafile or A.tls_cert, "-verify_hostname", name, "-verify_return_error",
               "-nocommands"] + list(extra)     # no "Q" to quit, no "R" to renegotiate
        self.name = name
        if brief:
            cmd.append("-brief")
        if starttls:
            cmd += ["-starttls", starttls]
        if cert:    # a client certificate of tests/certs
            cmd += ["-cert", cc_file(cert + ".pem"), "-key", cc_file(cert + ".key")]
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.out = b""     # from the server
        self.err = b""     # s_client's own report
        self.pos = 0       # the protocol's replies are looked for in out from here on

    def _more(self, deadline, what):
        left = deadline - time.monotonic()
        if left <= 0:
            raise Fail("%s: not within %ds\n%s" % (what, SCLIENT_TIMEOUT, self.text()))
        fds = [f for f in (self.p.stdout, self.p.stderr) if not f.closed]
        if not fds:
            raise Fail("%s: s_client ended (status %s)\n%s" % (what, self.p.wait(), self.text()))
        r, _, _ = select.select(fds, [], [], left)
        for f in r:
            chunk = os.read(f.fileno(), 65536)
            if not chunk:
                f.close()
            elif f is self.p.stdout:
                self.out += chunk
            else:
                self.err += chunk

    def text(self):
        return "--- s_client's stdout:\n%s\n--- its stderr:\n%s" % (
            self.out.decode("latin-1"), self.err.decode("latin-1"))

    def reply(self, regex, ok, what):
        """The next reply matching `regex` (bytes, multi-line mode), which must match `ok`."""
        deadline = time.monotonic() + SCLIENT_TIMEOUT
        rx = re.compile(regex, re.M)
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = m.end()
                ensure(re.match(ok, m.group(0)), "%s: %s" % (what, show(m.group(0))), self.text())
                return m.group(0)
            self._more(deadline, what + " (waiting for %s)" % show(regex))

    def session(self):
        """-brief's report: TLS 1.2, an ECDHE+AEAD suite, the certificate and name verified."""
        deadline = time.monotonic() + SCLIENT_TIMEOUT
        while not re.search(rb"(?m)^Verified peername: .*\n", self.err):
            self._more(deadline, "s_client's report of the TLS session")
        t = self.err.decode("latin-1")
        m = re.search(r"(?m)^Protocol version: (\S+)", t)
        ensure(m and m.group(1) == TLS_VERSION, "s_client: no 'Protocol version: %s'" % TLS_VERSION, self.text())
        m = re.search(r"(?m)^Ciphersuite: (\S+)", t)
        ensure(m and re.fullmatch(TLS_SUITE, m.group(1)), "s_client: the suite is not ECDHE with an AEAD cipher",
               self.text())
        ensure(re.search(r"(?m)^Verification: OK$", t), "s_client: the certificate was not verified", self.text())
        ensure(re.search(r"(?m)^Verified peername: %s$" % re.escape(self.name), t),
               "s_client: the name %s was not verified" % self.name, self.text())
        return m.group(1)

    def report(self):
        """Without -brief: the first line of s_client's report, "New, TLSv1.2, Cipher is X"
        or "Reused, ...", once the report (which ends in "---") is all there, and
        checked: TLS 1.2, an ECDHE+AEAD suite, the certificate verified.
        (new-or-reused, suite)"""
        deadline = time.monotonic() + SCLIENT_TIMEOUT
        rx = re.compile(rb"(?ms)^(New|Reused), (\S+), Cipher is (\S+)\n.*^ *Verify return code: (\d+)[^\n]*\n.*?^---\n")
        while True:
            m = rx.search(self.out)
            if m:
                break
            self._more(deadline, "s_client's report of the TLS session")
        # self.pos stays: the server's first reply may have come before the report.
        how, version, suite, code = (g.decode() for g in m.groups())
        ensure(version == TLS_VERSION, "s_client: %s, expected %s" % (version, TLS_VERSION), self.text())
        ensure(re.fullmatch(TLS_SUITE, suite), "s_client: the suite is not ECDHE with an AEAD cipher",
               self.text())
        ensure(code == "0", "s_client: the certificate was not verified (%s)" % code, self.text())
        return how, suite

    def send(self, line):
        try:
            self.p.stdin.write(line.encode() + b"\r\n")
            self.p.stdin.flush()
        except OSError as e:
            raise Fail("s_client took no more input (%s)" % e, self.text())

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            self.p.wait(SCLIENT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        for f in (self.p.stdout, self.p.stderr):
            if not f.closed:
                f.close()


def sclient_imap(port, starttls):
    mark = auth_log_mark()
    c = SClient(port, "imap" if starttls else None)
    try:
        if not starttls:   # with -starttls, s_client reads the greeting itself
            c.reply(rb"^\* [^\r\n]*\r\n", rb"\* OK", "greeting")
        suite = c.session()
        c.send("a1 LOGIN alice alice-pw")
        c.reply(rb"^a1 [^\r\n]*\r\n", rb"a1 OK", "a1 LOGIN")
        c.send("a2 SELECT INBOX")
        c.reply(rb"^a2 [^\r\n]*\r\n", rb"a2 OK", "a2 SELECT INBOX")
        c.send("a3 LOGOUT")
        c.reply(rb"^a3 [^\r\n]*\r\n", rb"a3 OK", "a3 LOGOUT")
    finally:
        c.close()
    tls_auth_request(mark, "alice", "imap", suite)


@check("tls-sclient-imaps-login")
def _():
    sclient_imap(A.imaps, False)


@check("tls-sclient-imap-starttls-login")
def _():
    sclient_imap(A.imap_starttls, True)


def sclient_pop3(port, starttls):
    mark = auth_log_mark()
    c = SClient(port, "pop3" if starttls else None)
    line = rb"^[+-][^\r\n]*\r\n"
    try:
        if not starttls:
            c.reply(line, rb"\+OK", "greeting")
        suite = c.session()
        c.send("USER alice")
        c.reply(line, rb"\+OK", "USER")
        c.send("PASS alice-pw")
        c.reply(line, rb"\+OK", "PASS")
        c.send("STAT")
        c.reply(line, rb"\+OK \d+ \d+\r\n", "STAT")
        c.send("QUIT")
        c.reply(line, rb"\+OK", "QUIT")
    finally:
        c.close()
    tls_auth_request(mark, "alice", "pop3", suite)


@check("tls-sclient-pop3s-login")
def _():
    sclient_pop3(A.pop3s, False)


@check("tls-sclient-pop3-starttls-login")
def _():
    sclient_pop3(A.pop3_starttls, True)


def sclient_smtp(port, starttls):
    mark = auth_log_mark()
    c = SClient(port, "smtp" if starttls else None)
    final = rb"^\d{3} [^\r\n]*\r\n"      # the last line of a reply
    try:
        if not starttls:
            c.reply(final, rb"220 ", "greeting")
        suite = c.session()
        c.send("EHLO client.example.test")
        ehlo = c.reply(rb"^(\d{3}-[^\r\n]*\r\n)*\d{3} [^\r\n]*\r\n", rb"250[- ]", "EHLO")
        ensure(re.search(rb"(?m)^250[- ]AUTH\b[^\r\n]*\bPLAIN\b", ehlo), "no AUTH PLAIN offered: %s" % show(ehlo), c.text())
        c.send("AUTH PLAIN " + base64.b64encode(b"\0alice\0alice-pw").decode())
        c.reply(final, rb"235 ", "AUTH PLAIN")
        c.send("MAIL FROM:<alice@example.test>")
        c.reply(final, rb"250 ", "MAIL FROM")
        c.send("QUIT")
        c.reply(final, rb"221 ", "QUIT")
    finally:
        c.close()
    tls_auth_request(mark, "alice", "smtp", suite)


@check("tls-sclient-smtps-login")
def _():
    sclient_smtp(A.smtps, False)


@check("tls-sclient-smtp-starttls-login")
def _():
    sclient_smtp(A.smtp_starttls, True)


# -- Python's imaplib, poplib, smtplib

def imap_tls_session(c, what):
    """Logged out at the end: LOGIN, SELECT, FETCH of the seeded message."""
    token, body = tls_seed()
    typ, data = c.login("alice", "alice-pw")
    ensure(typ == "OK", "%s LOGIN: %s %s" % (what, typ, show(data)))
    suite = tls_session_ok(c.sock, what)
    typ, data = c.select("INBOX")
    ensure(typ == "OK", "%s SELECT INBOX: %s %s" % (what, typ, show(data)))
    typ, data = c.search(None, "SUBJECT", token)
    ensure(typ == "OK" and data and data[0].split(), "%s SEARCH: the seeded message is not in INBOX: %s"
           % (what, show(data)))
    typ, data = c.fetch(data[0].split()[-1], "(BODY.PEEK[])")
    ensure(typ == "OK" and isinstance(data[0], tuple), "%s FETCH: %s %s" % (what, typ, show(data)))
    ensure(data[0][1] == body, "%s FETCH: got %s, expected %s" % (what, show(data[0][1]), show(body)))
    typ, data = c.logout()
    ensure(typ == "BYE", "%s LOGOUT: %s %s" % (what, typ, show(data)))
    return suite


@check("tls-python-imaps-fetch")
def _():
    mark = auth_log_mark()
    c = imaplib.IMAP4_SSL(HOST, A.imaps, ssl_context=tls_ctx(), timeout=TIMEOUT)
    try:
        suite = imap_tls_session(c, "IMAPS")
    finally:
        close_quietly(c)
    tls_auth_request(mark, "alice", "imap", suite)


@check("tls-python-imap-starttls-fetch")
def _():
    mark = auth_log_mark()
    c = imaplib.IMAP4(HOST, A.imap_starttls, timeout=TIMEOUT)
    try:
        ensure("STARTTLS" in c.capabilities, "STARTTLS not offered: %s" % (c.capabilities,))
        typ, data = c.starttls(ssl_context=tls_ctx())
        ensure(typ == "OK", "STARTTLS: %s %s" % (typ, show(data)))
        ensure("STARTTLS" not in c.capabilities, "STARTTLS still offered inside TLS: %s" % (c.capabilities,))
        suite = imap_tls_session(c, "IMAP STARTTLS")
    finally:
        close_quietly(c)
    tls_auth_request(mark, "alice", "imap", suite)


def pop3_tls_session(c, what):
    c.user("alice")
    resp = c.pass_("alice-pw")
    ensure(resp.startswith(b"+OK"), "%s PASS: %s" % (what, show(resp)))
    suite = tls_session_ok(c.sock, what)
    n, size = c.stat()
    ensure(n >= 1 and size > 0, "%s STAT: %r %r, expected the seeded message at least" % (what, n, size))
    resp = c.quit()
    ensure(resp.startswith(b"+OK"), "%s QUIT: %s" % (what, show(resp)))
    return suite


@check("tls-python-pop3s-login")
def _():
    tls_seed()
    mark = auth_log_mark()
    c = poplib.POP3_SSL(HOST, A.pop3s, context=tls_ctx(), timeout=TIMEOUT)
    try:
        ensure(c.getwelcome().startswith(b"+OK"), "greeting %s" % show(c.getwelcome()))
        suite = pop3_tls_session(c, "POP3S")
    finally:
        close_quietly(c)
    tls_auth_request(mark, "alice", "pop3", suite)


@check("tls-python-pop3-stls-login")
def _():
    tls_seed()
    mark = auth_log_mark()
    c = poplib.POP3(HOST, A.pop3_starttls, timeout=TIMEOUT)
    try:
        ensure("STLS" in c.capa(), "STLS not in CAPA: %s" % (c.capa(),))
        resp = c.stls(context=tls_ctx())
        ensure(resp.startswith(b"+OK"), "STLS: %s" % show(resp))
        ensure("STLS" not in c.capa(), "STLS still in CAPA inside TLS: %s" % (c.capa(),))
        suite = pop3_tls_session(c, "POP3 STLS")
    finally:
        close_quietly(c)
    tls_auth_request(mark, "alice", "pop3", suite)


def smtp_tls_session(c, what):
    code, msg = c.ehlo()
    ensure(code == 250, "%s EHLO: %d %s" % (what, code, show(msg)))
    ensure("auth" in c.esmtp_features, "%s: no AUTH offered: %s" % (what, show(msg)))
    ensure("starttls" not in c.esmtp_features, "%s: STARTTLS offered inside TLS: %s" % (what, show(msg)))
    suite = tls_session_ok(c.sock, what)
    code, msg = c.login("alice", "alice-pw")
    ensure(code == 235, "%s login: %d %s" % (what, code, show(msg)))
    code, msg = c.mail("alice@example.test")
    ensure(code == 250, "%s MAIL FROM: %d %s" % (what, code, show(msg)))
    code, msg = c.rcpt("alice@example.test")
    ensure(code == 250, "%s RCPT TO: %d %s" % (what, code, show(msg)))
    c.rset()
    c.quit()
    return suite


@check("tls-python-smtps-login")
def _():
    mark = auth_log_mark()
    c = smtplib.SMTP_SSL(HOST, A.smtps, local_hostname="client.example.test", timeout=TIMEOUT,
                         context=tls_ctx())
    try:
        suite = smtp_tls_session(c, "SMTPS")
    finally:
        close_quietly(c)
    tls_auth_request(mark, "alice", "smtp", suite)


@check("tls-python-smtp-starttls-login")
def _():
    mark = auth_log_mark()
    c = smtplib.SMTP(HOST, A.smtp_starttls, local_hostname="client.example.test", timeout=TIMEOUT)
    try:
        code, msg = c.ehlo()
        ensure(code == 250 and "starttls" in c.esmtp_features, "EHLO offers no STARTTLS: %d %s" % (code, show(msg)))
        code, msg = c.starttls(context=tls_ctx())
        ensure(code == 220, "STARTTLS: %d %s" % (code, show(msg)))
        suite = smtp_tls_session(c, "SMTP STARTTLS")
    finally:
        close_quietly(c)
    tls_auth_request(mark, "alice", "smtp", suite)


@check("tls-smtp-starttls-only-auth-refused")
def _():
    """starttls only: no AUTH offered before STARTTLS, and an AUTH there is
    refused without asking the auth service."""
    mark = auth_log_mark()
    c = smtplib.SMTP(HOST, A.smtp_starttls, local_hostname="client.example.test", timeout=TIMEOUT)
    try:
        code, msg = c.ehlo()
        ensure(code == 250, "EHLO: %d %s" % (code, show(msg)))
        ensure("starttls" in c.esmtp_features, "no STARTTLS offered: %s" % show(msg))
        ensure("auth" not in c.esmtp_features, "AUTH offered before STARTTLS: %s" % show(msg))
        code, msg = c.docmd("AUTH", "PLAIN " + base64.b64encode(b"\0bob\0" + USERS["bob"].encode()).decode())
        ensure(500 <= code <= 599, "AUTH PLAIN before STARTTLS answered %d %s" % (code, show(msg)))
        code, msg = c.docmd("MAIL", "FROM:<bob@example.test>")
        ensure(500 <= code <= 599, "MAIL FROM before STARTTLS answered %d %s" % (code, show(msg)))
        code, msg = c.noop()
        ensure(code == 250, "the session did not go on after the refusals: NOOP %d %s" % (code, show(msg)))
    finally:
        close_quietly(c)
    no_request_for(mark, "bob")


@check("tls-imap-starttls-on-plaintext-login")
def _():
    """starttls on: a login without TLS is still allowed, and the auth service
    hears no Auth-SSL for it."""
    mark = auth_log_mark()
    c = imaplib.IMAP4(HOST, A.imap_starttls, timeout=TIMEOUT)
    try:
        ensure("LOGINDISABLED" not in c.capabilities, "LOGINDISABLED with starttls on: %s" % (c.capabilities,))
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    r = find_request(mark, auth_user="alice", auth_protocol="imap")
    ensure(not any(k.startswith("auth-ssl") for k in r["h"]), "Auth-SSL* sent for a plaintext session", fmt_req(r))


# -- STARTTLS with a command behind it in the same packet

def starttls_inject(port, before, packet, ok_rx, what):
    """Connect, read the greeting, do `before` (a function of the socket), send
    `packet` (STARTTLS and an injected command) in one write, read the plaintext
    OK, which must be all that comes, and shake hands over the same socket
    (verifying the certificate and the name): the TLS socket."""
    s = socket.create_connection((HOST, port), timeout=TIMEOUT)
    try:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        greeting = read_until(s, rb"\r\n")
        ensure(greeting, "no greeting")
        if before:
            before(s)
        s.sendall(packet)
        got = read_until(s, ok_rx)
        m = re.match(ok_rx, got)
        ensure(m and m.end() == len(got), "%s: expected only the OK in plaintext, got %s" % (what, show(got)))
        try:
            ts = tls_ctx(check_name=True).wrap_socket(s, server_hostname=TLS_NAME)
        except (ssl.SSLError, OSError) as e:
            raise Fail("%s: the TLS handshake after the OK failed (did plaintext follow the OK?): %s" % (what, e))
    except BaseException:
        s.close()
        raise
    return ts


@check("tls-imap-starttls-injection")
def _():
    mark = auth_log_mark()
    ts = starttls_inject(A.imap_starttls, None, b'a1 STARTTLS\r\na2 LOGIN bob "b ob%pw"\r\n',
                         rb"a1 OK[^\r\n]*\r\n", "IMAP STARTTLS")
    try:
        suite = tls_session_ok(ts, "after STARTTLS")
        ts.sendall(b"a3 NOOP\r\n")
        got = read_until(ts, rb"(?m)^a3 [^\r\n]*\r\n")
        ensure(got.startswith(b"a3 OK"), "the first reply inside TLS is not a3's: %s" % show(got))
        ts.sendall(b"a4 SELECT INBOX\r\n")
        got = read_until(ts, rb"(?m)^a4 [^\r\n]*\r\n")
        ensure(re.search(rb"(?m)^a4 (NO|BAD)", got), "SELECT before a login inside TLS: %s" % show(got))
        ts.sendall(b"a5 LOGIN alice alice-pw\r\n")
        got = read_until(ts, rb"(?m)^a5 [^\r\n]*\r\n")
        ensure(re.search(rb"(?m)^a5 OK", got), "a5 LOGIN inside TLS: %s" % show(got))
    finally:
        ts.close()
    tls_auth_request(mark, "alice", "imap", suite)
    no_request_for(mark, "bob")


@check("tls-pop3-starttls-injection")
def _():
    mark = auth_log_mark()
    ts = starttls_inject(A.pop3_starttls, None, b"STLS\r\nUSER bob\r\nPASS b ob%pw\r\n",
                         rb"\+OK[^\r\n]*\r\n", "POP3 STLS")
    try:
        suite = tls_session_ok(ts, "after STARTTLS")
        ts.sendall(b"CAPA\r\n")
        got = read_until(ts, rb"\r\n\.\r\n")
        lines = got.split(b"\r\n")
        ensure(got.endswith(b"\r\n.\r\n") and lines[0].startswith(b"+OK") and
               not any(l.startswith((b"+OK", b"-ERR")) for l in lines[1:]),
               "the first reply inside TLS is not CAPA's alone: %s" % show(got))
        ensure(b"STLS" not in lines[1:], "STLS still in CAPA inside TLS: %s" % show(got))
        ts.sendall(b"USER alice\r\n")
        got = read_until(ts, rb"\r\n")
        ensure(got.startswith(b"+OK"), "USER inside TLS: %s" % show(got))
        ts.sendall(b"PASS alice-pw\r\n")
        got = read_until(ts, rb"\r\n")
        ensure(got.startswith(b"+OK"), "PASS inside TLS: %s" % show(got))
        ts.sendall(b"QUIT\r\n")
        read_until(ts, rb"\r\n")
    finally:
        ts.close()
    tls_auth_request(mark, "alice", "pop3", suite)
    no_request_for(mark, "bob")


@check("tls-smtp-starttls-injection")
def _():
    mark = auth_log_mark()

    def ehlo(s):
        s.sendall(b"EHLO client.example.test\r\n")
        got = read_until(s, rb"(?m)^\d{3} [^\r\n]*\r\n")
        ensure(re.search(rb"(?m)^250[- ]STARTTLS", got), "EHLO offers no STARTTLS: %s" % show(got))

    bob = base64.b64encode(b"\0bob\0" + USERS["bob"].encode())
    ts = starttls_inject(A.smtp_starttls, ehlo, b"STARTTLS\r\nAUTH PLAIN " + bob + b"\r\n",
                         rb"220 [^\r\n]*\r\n", "SMTP STARTTLS")
    try:
        suite = tls_session_ok(ts, "after STARTTLS")
        ts.sendall(b"EHLO client.example.test\r\n")
        got = read_until(ts, rb"(?m)^\d{3} [^\r\n]*\r\n")
        ensure(got.startswith(b"250") and re.search(rb"(?m)^250 ", got),
               "the first reply inside TLS is not EHLO's: %s" % show(got))
        ensure(re.search(rb"(?m)^250[- ]AUTH\b", got), "no AUTH offered inside TLS: %s" % show(got))
        ts.sendall(b"AUTH PLAIN " + base64.b64encode(b"\0alice\0alice-pw") + b"\r\n")
        got = read_until(ts, rb"(?m)^\d{3} [^\r\n]*\r\n")
        ensure(got.startswith(b"235 "), "AUTH PLAIN alice inside TLS: %s" % show(got))
        ts.sendall(b"MAIL FROM:<alice@example.test>\r\n")
        got = read_until(ts, rb"(?m)^\d{3} [^\r\n]*\r\n")
        ensure(got.startswith(b"250 "), "MAIL FROM inside TLS: %s" % show(got))
        ts.sendall(b"QUIT\r\n")
        read_until(ts, rb"\r\n")
    finally:
        ts.close()
    tls_auth_request(mark, "alice", "smtp", suite)
    no_request_for(mark, "bob")


@check("tls-smtp-delivered")
def _():
    """What curl sent over SMTPS and SMTP with STARTTLS reached alice, with the
    login Postfix saw through XCLIENT."""
    sent = SHARED.get("tls_sent", [])
    ensure(len(sent) == 2, "not both tls-curl-smtp*-send sent a mail: %r" % (sent,))
    for name, token in sent:
        received = wait_delivered("alice", token)
        ensure(any("Authenticated sender: alice)" in h for h in received),
               "%s: no 'Authenticated sender: alice' in the Received headers:" % name, *received)


# -- session resumption: the IMAPS server has "ssl_session_cache shared:E2E:1m" (one worker)

def sclient_imaps_login(extra):
    """s_client (its full report, not -brief) to the IMAPS server with `extra`
    arguments; LOGIN, SELECT, LOGOUT: ("New" or "Reused", the suite)."""
    c = SClient(A.imaps, brief=False, extra=extra)
    try:
        how, suite = c.report()
        c.reply(rb"^\* [^\r\n]*\r\n", rb"\* OK", "greeting")
        c.send("a1 LOGIN alice alice-pw")
        c.reply(rb"^a1 [^\r\n]*\r\n", rb"a1 OK", "a1 LOGIN (%s session)" % how)
        c.send("a2 SELECT INBOX")
        c.reply(rb"^a2 [^\r\n]*\r\n", rb"a2 OK", "a2 SELECT INBOX (%s session)" % how)
        c.send("a3 LOGOUT")
        c.reply(rb"^a3 [^\r\n]*\r\n", rb"a3 OK", "a3 LOGOUT (%s session)" % how)
    finally:
        c.close()
    return how, suite


@check("tls-resume-sclient-imaps")
def _():
    """openssl s_client -sess_out, then -sess_in: the second handshake resumes
    the first session ("Reused, TLSv1.2"), and the login goes through."""
    sess = os.path.join(A.state, "sclient-imaps-%s.sess" % uuid.uuid4().hex)
    mark = auth_log_mark()
    how, suite = sclient_imaps_login(["-sess_out", sess])
    ensure(how == "New", "the first handshake: %s, expected New" % how)
    ensure(os.path.exists(sess) and os.path.getsize(sess) > 0, "s_client -sess_out wrote no session to %s" % sess)
    tls_auth_request(mark, "alice", "imap", suite)
    mark = auth_log_mark()
    how, suite2 = sclient_imaps_login(["-sess_in", sess])
    ensure(how == "Reused", "the second handshake with -sess_in: %s, expected Reused" % how)
    ensure(suite2 == suite, "the resumed session's suite %s is not the first one's %s" % (suite2, suite))
    tls_auth_request(mark, "alice", "imap", suite)


class IMAP4SSLSession(imaplib.IMAP4_SSL):
    """imaplib.IMAP4_SSL that offers an earlier ssl.SSLSession for resumption."""

    def __init__(self, host, port, ctx, session):
        self._session = session
        super().__init__(host, port, ssl_context=ctx, timeout=TIMEOUT)

    def _create_socket(self, timeout):
        sock = imaplib.IMAP4._create_socket(self, timeout)
        return self.ssl_context.wrap_socket(sock, server_hostname=self.host, session=self._session)


@check("tls-resume-python-imaps")
def _():
    """Python's ssl with session=: a second connection with the first one's
    session is resumed (session_reused), twice, and the logins go through."""
    ctx = tls_ctx()
    session = None
    for i, want in enumerate((False, True, True)):
        mark = auth_log_mark()
        c = IMAP4SSLSession(HOST, A.imaps, ctx, session)
        try:
            reused = c.sock.session_reused
            ensure(reused == want, "connection %d: session_reused %r, expected %r" % (i + 1, reused, want))
            if session is None:
                session = c.sock.session
                ensure(session is not None and session.id, "connection 1: no session to resume")
            else:
                ensure(c.sock.session.id == session.id, "connection %d: session id %s, expected %s"
                       % (i + 1, c.sock.session.id.hex(), session.id.hex()))
            suite = tls_session_ok(c.sock, "connection %d" % (i + 1))
            typ, data = c.login("alice", "alice-pw")
            ensure(typ == "OK", "connection %d LOGIN: %s %s" % (i + 1, typ, show(data)))
            typ, data = c.select("INBOX")
            ensure(typ == "OK", "connection %d SELECT INBOX: %s %s" % (i + 1, typ, show(data)))
            typ, data = c.logout()
            ensure(typ == "BYE", "connection %d LOGOUT: %s %s" % (i + 1, typ, show(data)))
        finally:
            close_quietly(c)
        tls_auth_request(mark, "alice", "imap", suite)


# -- the client ends TLS first

@check("tls-close-notify-first-session-ends")
def _():
    """The client ends TLS first (close_notify, its TCP connection still open):
    the proxy ends the session, toward the client too (its close_notify and
    EOF, or just EOF, within TIMEOUT), and logs it done.  IMAPS, after a login."""
    emark = error_log_mark()
    raw = socket.create_connection((HOST, A.imaps), timeout=TIMEOUT)
    s = None
    try:
        s = tls_ctx().wrap_socket(raw, server_hostname=HOST)
        ensure(read_until(s, rb"\r\n").startswith(b"* OK"), "no greeting")
        s.sendall(b"d1 LOGIN alice alice-pw\r\n")
        got = read_until(s, rb"(?m)^d1 [^\r\n]*\r\n")
        ensure(re.search(rb"(?m)^d1 OK", got), "LOGIN: %s" % show(got))
        try:
            raw = s.unwrap()        # our close_notify, and the proxy's
            wait_eof(raw, "after the TLS shutdown")
        except ssl.SSLEOFError:
            pass                    # no close_notify back, but the end (nginx)
        except (ssl.SSLError, OSError) as e:
            raise Fail("the TLS shutdown failed: %s" % e)
    finally:
        for x in (s, raw):
            if x is not None:
                x.close()
    session_done(emark, A.imaps, "IMAPS, close_notify first")


# ---- TLS toward the backend (proxy_ssl, postern only) -------------------------------------------
# Dovecot and Postfix present tests/certs/backend.pem (backend.example.test, signed by
# tests/certs/ca.pem, EC P-256); the proxy checks it (proxy_ssl_verify on,
# proxy_ssl_trusted_certificate ca.pem, proxy_ssl_name backend.example.test).  The servers:
# --btls-imap (proxy_ssl on: authd.py sends it to Dovecot's IMAPS port --dc-imaps, on the
# header X-E2E-Backend: tls), --btls-pop3 and --btls-smtp (proxy_ssl starttls, to Dovecot's
# and Postfix's plaintext ports), --btls-imap-badname (proxy_ssl on, proxy_ssl_name
# wrong.example.test).  The clients speak plaintext to the proxy.  That the backend session
# was TLS is read from the backends' own logs: Dovecot's login line has "lport=<port>" and
# "TLS TLSv1.2 with cipher ..." (a plaintext login from 127.0.0.1 says "secured"),
# Postfix's log "TLS connection established" and the Received header "(using TLSv1.2 with
# cipher ...)".  Not run against nginx (no --btls-*).

BTLS_RX = r"TLSv1\.2 with cipher ECDHE-ECDSA-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)"


def file_mark(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def file_find(path, since, regex, what):
    """The first line of `path` since byte `since` matching `regex`; polls for up to 2 s."""
    deadline = time.monotonic() + 2
    while True:
        lines = []
        try:
            with open(path, "rb") as f:
                f.seek(since)
                lines = f.read().decode("latin-1").splitlines()
        except OSError:
            pass
        for l in lines:
            if re.search(regex, l):
                return l
        if time.monotonic() > deadline:
            raise Fail("no line matching %r in %s since the check began; its last lines:\n%s"
                       % (regex, what, "\n".join(lines[-6:]) or "(none)"))
        time.sleep(0.05)


def dc_log():
    return os.path.join(A.state, "dc", "dovecot.log")


def dc_tls_login(since, proto, port):
    """Dovecot's log says alice logged in to `proto` on `port` over TLS 1.2."""
    return file_find(dc_log(), since, r"%s-login: (Info: )?Login: user=<alice>, .*\blport=%d, .*\bTLS, %s"
                     % (proto, port, BTLS_RX), "dc/dovecot.log")


def btls_request(since, proto, backend=None):
    r = find_request(since, auth_user="alice", auth_protocol=proto)
    if backend:
        header_is(r, "X-E2E-Backend", backend)
    ensure(not any(k.startswith("auth-ssl") for k in r["h"]),
           "Auth-SSL* sent for a plaintext client session", fmt_req(r))
    return r


@check("btls-python-imap-fetch", group="proxy_ssl")
def _():
    """imaplib through proxy_ssl on: LOGIN, SELECT, the seeded message fetched
    byte for byte; Dovecot saw the login on its IMAPS port, over TLS 1.2."""
    token, body = tls_seed()
    mark, dmark = auth_log_mark(), file_mark(dc_log())
    c = imap_at(A.btls_imap)
    try:
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX: %s %s" % (typ, show(data)))
        typ, data = c.search(None, "SUBJECT", token)
        ensure(typ == "OK" and data and data[0].split(),
               "SEARCH: the seeded message is not in INBOX: %s" % show(data))
        typ, data = c.fetch(data[0].split()[-1], "(BODY.PEEK[])")
        ensure(typ == "OK" and isinstance(data[0], tuple), "FETCH: %s %s" % (typ, show(data)))
        ensure(data[0][1] == body, "FETCH: got %s, expected %s" % (show(data[0][1]), show(body)))
        typ, data = c.logout()
        ensure(typ == "BYE", "LOGOUT: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    btls_request(mark, "imap", "tls")
    dc_tls_login(dmark, "imap", A.dc_imaps)


def imap_at(port):
    return imaplib.IMAP4(HOST, port, timeout=TIMEOUT)


@check("btls-curl-imap-fetch", group="proxy_ssl")
def _():
    """curl through proxy_ssl on: a SEARCH finds the seeded message, a second
    session fetches it by its number (;MAILINDEX=)."""
    token, body = tls_seed()
    mark, dmark = auth_log_mark(), file_mark(dc_log())
    url = "imap://%s:%d/INBOX" % (HOST, A.btls_imap)
    rc, out, err = curl(url + "?SUBJECT%20" + token, "-u", "alice:alice-pw")
    ensure(rc == 0, "curl SEARCH exit %d: %s" % (rc, err.strip()))
    m = re.search(r"(?m)^\* SEARCH((?: \d+)+)\s*$", out)
    ensure(m, "no message found by SEARCH SUBJECT %s: %s" % (token, show(out)))
    num = m.group(1).split()[-1]
    rc, out, err = curl(url + ";MAILINDEX=" + num, "-u", "alice:alice-pw")
    ensure(rc == 0, "curl FETCH %s exit %d: %s" % (num, rc, err.strip()))
    # (curl() reads text: its CRLF line ends come back as LF)
    want = body.decode().replace("\r\n", "\n")
    ensure(out == want, "FETCH %s: got %s, expected %s" % (num, show(out), show(want)))
    btls_request(mark, "imap", "tls")
    dc_tls_login(dmark, "imap", A.dc_imaps)


@check("btls-python-pop3-list-retr", group="proxy_ssl")
def _():
    """poplib through proxy_ssl starttls: LIST shows the seeded message's size,
    RETR brings it back; Dovecot saw the login on its POP3 port, over TLS 1.2
    (after STLS)."""
    token, body = tls_seed()
    mark, dmark = auth_log_mark(), file_mark(dc_log())
    c = poplib.POP3(HOST, A.btls_pop3, timeout=TIMEOUT)
    try:
        c.user("alice")
        resp = c.pass_("alice-pw")
        ensure(resp.startswith(b"+OK"), "PASS: %s" % show(resp))
        resp, listing, _ = c.list()
        ensure(resp.startswith(b"+OK"), "LIST: %s" % show(resp))
        sizes = {}
        for l in listing:
            n, size = l.split()
            sizes[int(n)] = int(size)
        cand = [n for n, size in sizes.items() if size == len(body)]
        ensure(cand, "no message of the seeded one's %d bytes in the LIST: %s" % (len(body), show(b" ".join(listing))))
        found = False
        for n in cand:
            resp, lines, _ = c.retr(n)
            ensure(resp.startswith(b"+OK"), "RETR %d: %s" % (n, show(resp)))
            if b"\r\n".join(lines) + b"\r\n" == body:
                found = True
                break
        ensure(found, "RETR brought back none of %r as the seeded message" % cand)
        resp = c.quit()
        ensure(resp.startswith(b"+OK"), "QUIT: %s" % show(resp))
    finally:
        close_quietly(c)
    btls_request(mark, "pop3")
    dc_tls_login(dmark, "pop3", A.dc_pop3)


@check("btls-curl-pop3-list", group="proxy_ssl")
def _():
    _, body = tls_seed()
    mark, dmark = auth_log_mark(), file_mark(dc_log())
    rc, out, err = curl("pop3://%s:%d/" % (HOST, A.btls_pop3), "-u", "alice:alice-pw")
    ensure(rc == 0, "curl exit %d: %s" % (rc, err.strip()))
    lines = out.splitlines()
    ensure(lines and all(re.fullmatch(r"\d+ \d+", l) for l in lines),
           "not a POP3 LIST (number and size a line): %s" % show(out))
    ensure(any(l.split()[1] == str(len(body)) for l in lines),
           "no message of the seeded one's %d bytes in the LIST: %s" % (len(body), show(out)))
    btls_request(mark, "pop3")
    dc_tls_login(dmark, "pop3", A.dc_pop3)


@check("btls-smtp-send-delivered", group="proxy_ssl")
def _():
    """smtplib through proxy_ssl starttls: the mail reaches alice; Postfix logged
    the TLS session, and its Received header says TLS 1.2 and names alice,
    whose login it learnt by XCLIENT inside TLS."""
    mark, pmark = auth_log_mark(), file_mark(os.path.join(A.state, "pf", "maillog"))
    token = "postern-e2e-btls-" + uuid.uuid4().hex
    c = smtplib.SMTP(HOST, A.btls_smtp, local_hostname="client.example.test", timeout=TIMEOUT)
    try:
        code, msg = c.ehlo()
        ensure(code == 250, "EHLO: %d %s" % (code, show(msg)))
        code, msg = c.login("alice", "alice-pw")
        ensure(code == 235, "login: %d %s" % (code, show(msg)))
        body = ("From: alice@example.test\r\nTo: alice@example.test\r\nSubject: %s\r\n\r\n"
                "sent through proxy_ssl starttls by tests/e2e\r\n" % token)
        refused = c.sendmail("alice@example.test", ["alice@example.test"], body)
        ensure(not refused, "recipients refused: %r" % refused)
        c.quit()
    finally:
        close_quietly(c)
    btls_request(mark, "smtp")
    received = wait_delivered("alice", token)
    ensure(any("(using %s" % TLS_VERSION in h and re.search(BTLS_RX, h) and
               "Authenticated sender: alice)" in h for h in received),
           "no Received header with '(using TLSv1.2 with cipher ECDHE-ECDSA-...' and "
           "'Authenticated sender: alice':", *received)
    file_find(os.path.join(A.state, "pf", "maillog"), pmark,
              r"TLS connection established from \S+\[127\.0\.0\.1\]: " + BTLS_RX, "pf/maillog")


def wait_eof(s, what):
    """Read from socket s (a reply's rest may still come) until EOF, for at most TIMEOUT."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        s.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            raise Fail("%s: no EOF from the proxy within %ds" % (what, TIMEOUT))
        except ConnectionResetError:
            return
        if not chunk:
            return


def session_done(emark, port, what):
    """The proxy's error log says the session on `port` is done (polls 2 s)."""
    try:
        error_log_find(emark, r"proxied session done\b.*server: 127\.0\.0\.1:%d\b" % port)
    except Fail as e:
        raise Fail("%s: the session did not end within 2 s of the client's close\n%s" % (what, e))


@check("btls-session-ends-after-backend-close", group="proxy_ssl")
def _():
    """The backend ends the session (QUIT / LOGOUT: its reply, close_notify, FIN);
    the proxy passes the end on (EOF to the client), and once the client closes
    too (0.3 s later, so that the backend's end came first), the session is done
    and logged so.  POP3 (proxy_ssl starttls) and IMAP (proxy_ssl on), each
    tried even when the other failed.  (A session left open here would also
    hold back a graceful shutdown, the SIGHUP check's old worker: run.sh gives
    these servers proxy_timeout 5s so that it does not.)"""
    failed = []
    for port, login, ok_rx, bye, what in (
            (A.btls_pop3, b"USER alice\r\nPASS alice-pw\r\n", rb"\+OK[^\r\n]*\r\n\+OK[^\r\n]*\r\n|-ERR",
             b"QUIT\r\n", "POP3 proxy_ssl starttls"),
            (A.btls_imap, b"c1 LOGIN alice alice-pw\r\n", rb"(?m)^c1 [^\r\n]*\r\n",
             b"c2 LOGOUT\r\n", "IMAP proxy_ssl on")):
        emark = error_log_mark()
        try:
            s = socket.create_connection((HOST, port), timeout=TIMEOUT)
            try:
                ensure(read_until(s, rb"\r\n"), "%s: no greeting" % what)
                s.sendall(login)
                got = read_until(s, ok_rx)
                ensure(re.search(rb"(?m)^(c1 OK|\+OK[^\r\n]*\r\n\+OK)", got), "%s: login: %s" % (what, show(got)))
                s.sendall(bye)
                wait_eof(s, "%s after %s" % (what, bye.decode().split()[-1]))
                time.sleep(0.3)
            finally:
                s.close()
            session_done(emark, port, what)
        except Fail as e:
            failed += str(e).splitlines()
    ensure(not failed, *failed)


@check("tls-sni-chooses-certificate", group="proxy_ssl")
def _():
    """--imaps-sni has two certificates: s_client, verifying chain and name, gets
    backend.example.test's (ECDSA, tests/certs' CA) when it sends that name, and
    mail.example.test's (RSA) when it sends that one, though it takes ECDSA."""
    for name, ca, kind in (("backend.example.test", cc_file("ca.pem"), "ECDSA"),
                           (TLS_NAME, A.tls_cert, "RSA")):
        c = SClient(A.imaps_sni, name=name, cafile=ca)
        try:
            suite = c.session()
            ensure(suite.startswith("ECDHE-%s-" % kind), "SNI %s: suite %s, expected ECDHE-%s" % (name, suite, kind))
            c.reply(rb"^\* .*\r?\n", rb"\* OK", "greeting (SNI %s)" % name)
        finally:
            c.close()


@check("btls-imap-wrong-name-refused", group="proxy_ssl")
def _():
    """proxy_ssl_name wrong.example.test: the backend's certificate does not
    hold that name, so the handshake fails; the client gets the internal error
    and the connection is closed, and the error log says why.  Dovecot logs
    no login."""
    mark, emark, dmark = auth_log_mark(), error_log_mark(), file_mark(dc_log())
    _, got = raw_exchange(A.btls_imap_badname, b"b1 LOGIN alice alice-pw\r\n", r"\Z(?!x)x")
    ensure(got == "* BAD internal server error\r\n",
           "expected only '* BAD internal server error', got %s" % show(got))
    ensure(SHARED.pop("raw_eof", False), "the connection stayed open %ds after the error" % TIMEOUT)
    btls_request(mark, "imap", "tls")
    error_log_find(emark, r"\[error\] .*TLS handshake with upstream 127\.0\.0\.1:%d failed\b" % A.dc_imaps)
    time.sleep(0.2)
    try:
        with open(dc_log(), "rb") as f:
            f.seek(dmark)
            logins = [l for l in f.read().decode("latin-1").splitlines() if "-login: Login:" in l]
    except OSError:
        logins = []
    ensure(not logins, "Dovecot logged a login:", *logins)


# ---- client certificates ------------------------------------------------------------------------
# Two servers ask for one (tests/certs, made by mk.sh: a CA, its client alice, an expired
# client, a client of another CA): IMAPS with "ssl_verify_client on" and
# auth_http_pass_client_cert (--imaps-cc), SMTP with "starttls on" and "ssl_verify_client
# optional" (--smtp-cc).  A good certificate logs in through Dovecot or Postfix and reaches
# the auth service as nginx reports it (Auth-SSL-Verify, -Subject in RFC 2253 form, -Issuer,
# -Serial, -Fingerprint and, escaped, -Cert); a missing, foreign or expired one gets nginx's
# reply before any greeting.

CC_SUBJECT = "O=Example\\, Inc.,CN=alice"
CC_ISSUER = "CN=Postern Test CA,O=Postern Test"


def cc_file(name):
    return os.path.join(A.certs, name)


def cc_ctx(name=None):
    c = tls_ctx()
    if name:
        c.load_cert_chain(cc_file(name + ".pem"), cc_file(name + ".key"))
    return c


def cc_first_line(port, name=None):
    """What the server says first over implicit TLS with `name`'s certificate."""
    s = cc_ctx(name).wrap_socket(socket.create_connection((HOST, port), TIMEOUT))
    s.settimeout(TIMEOUT)
    try:
        return s.makefile("rb").readline()
    except (ConnectionResetError, ssl.SSLError):
        return b""
    finally:
        close_quietly(s)


def cc_headers_ok(r, pem=True):
    cert = open(cc_file("alice.pem")).read()
    header_is(r, "Auth-SSL-Verify", "SUCCESS")
    header_is(r, "Auth-SSL-Subject", CC_SUBJECT)
    header_is(r, "Auth-SSL-Issuer", CC_ISSUER)
    header_is(r, "Auth-SSL-Serial", "1000")
    header_is(r, "Auth-SSL-Fingerprint", hashlib.sha1(ssl.PEM_cert_to_DER_cert(cert)).hexdigest())
    if pem:
        got = r["h"].get("auth-ssl-cert", "")
        ensure(urllib.parse.unquote(got) == cert, "Auth-SSL-Cert is not alice's PEM, escaped: %s" % show(got))


@check("cc-curl-imaps-good-cert")
def _():
    mark = auth_log_mark()
    out, suite = curl_tls("imaps://%s:%d/" % (HOST, A.imaps_cc), "-u", "alice:alice-pw",
                          "--cert", cc_file("alice.pem"), "--key", cc_file("alice.key"))
    ensure(re.search(r'(?m)^\* LIST \([^)]*\) "[^"]*" "?INBOX"?\s*$', out),
           "no INBOX in the LIST output: %s" % show(out))
    cc_headers_ok(tls_auth_request(mark, "alice", "imap", suite))


@check("cc-sclient-good-cert")
def _():
    c = SClient(A.imaps_cc, cert="alice")
    try:
        c.session()
        c.reply(rb"^\* .*\r?\n", rb"\* OK", "greeting")
        c.send("a LOGIN alice alice-pw")
        c.reply(rb"^a .*\r?\n", rb"a OK", "LOGIN with a good certificate")
    finally:
        c.close()


@check("cc-missing-cert")
def _():
    mark = auth_log_mark()
    line = cc_first_line(A.imaps_cc)
    ensure(line == b"* BYE No required SSL certificate\r\n", "without a certificate: %s" % show(line))
    no_request_for(mark, "alice")


@check("cc-wrong-ca")
def _():
    line = cc_first_line(A.imaps_cc, "stranger")
    ensure(line == b"* BYE SSL certificate error\r\n", "another CA's certificate: %s" % show(line))


@check("cc-expired")
def _():
    line = cc_first_line(A.imaps_cc, "expired")
    ensure(line == b"* BYE SSL certificate error\r\n", "an expired certificate: %s" % show(line))


@check("cc-curl-missing-cert-fails")
def _():
    rc, out, err = curl("imaps://%s:%d/" % (HOST, A.imaps_cc), "-k", "-u", "alice:alice-pw")
    ensure(rc != 0 and "LIST" not in out, "curl without a certificate: exit %d, %s" % (rc, show(out)))


def cc_smtp_login(name):
    mark = auth_log_mark()
    s = smtplib.SMTP(HOST, A.smtp_cc, timeout=TIMEOUT)
    try:
        s.ehlo("client.example.test")
        s.starttls(context=cc_ctx(name))
        s.ehlo("client.example.test")
        code, msg = s.login("alice", "alice-pw")
        ensure(code == 235, "SMTP AUTH after STARTTLS: %d %s" % (code, show(msg)))
        return find_request(mark, auth_user="alice", auth_protocol="smtp")
    finally:
        close_quietly(s)


@check("cc-smtp-optional-without-cert")
def _():
    r = cc_smtp_login(None)
    header_is(r, "Auth-SSL-Verify", "NONE")
    ensure("auth-ssl-subject" not in r["h"], "Auth-SSL-Subject without a certificate:", fmt_req(r))


@check("cc-smtp-optional-good-cert")
def _():
    cc_headers_ok(cc_smtp_login("alice"), pem=False)
    r = cc_smtp_login("alice")
    ensure("auth-ssl-cert" not in r["h"], "Auth-SSL-Cert without auth_http_pass_client_cert:", fmt_req(r))


# ---- ManageSieve (protocol sieve, postern only) ---------------------------------------------------
# postern greets with its own capability list, takes the login (SASL PLAIN or LOGIN, strings
# quoted or as literals), asks the auth service (Auth-Protocol: sieve), logs in to Dovecot's
# ManageSieve with AUTHENTICATE "PLAIN" and relays.  The scripts land in the user's home
# (servers.sh: $S/mail/<user>/sieve, the active one linked from .dovecot.sieve).
# nginx has no sieve module: these run only with --sieve (postern).

class SieveClient:
    """A raw ManageSieve client (RFC 5804): lines, with literals {n} / {n+} taken whole."""

    def __init__(self, port):
        self.s = socket.create_connection((HOST, port), timeout=TIMEOUT)
        self.buf = b""

    def _fill(self):
        chunk = self.s.recv(65536)
        if not chunk:
            raise Fail("connection closed; had %s" % show(self.buf))
        self.buf += chunk

    def line(self):
        """One logical line without CRLF, a literal's bytes in place."""
        out = b""
        while True:
            while b"\r\n" not in self.buf:
                self._fill()
            part, self.buf = self.buf.split(b"\r\n", 1)
            out += part
            m = re.search(rb"\{(\d+)\+?\}$", part)
            if not m:
                return out.decode("utf-8", "replace")
            n = int(m.group(1))
            while len(self.buf) < n:
                self._fill()
            out += b"\r\n" + self.buf[:n]
            self.buf = self.buf[n:]

    def response(self):
        """Lines up to the closing OK/NO/BYE: (lines before it, that line)."""
        lines = []
        while True:
            ln = self.line()
            if re.match(r"(?i)(OK|NO|BYE)\b", ln):
                return lines, ln
            lines.append(ln)

    def cmd(self, data):
        self.s.sendall(data if isinstance(data, bytes) else data.encode())
        return self.response()

    def closed(self):
        """True when the server has closed (EOF within TIMEOUT)."""
        try:
            while True:
                if not self.s.recv(4096):
                    return True
        except OSError:
            return False

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


def sieve_literal(b):
    return b"{%d+}\r\n" % len(b) + b


def sieve_plain(user, password):
    return base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode())


def sieve_home(user):
    return os.path.join(A.state, "mail", user)


def sieve_script(tag):
    return ("# %s\r\nrequire \"fileinto\";\r\nif header :contains \"subject\" \"spam\" {\r\n"
            "  fileinto \"Junk\";\r\n}\r\n" % tag).encode()


@check("sieve-greeting-capabilities", group="sieve")
def _():
    c = SieveClient(A.sieve)
    try:
        lines, ok = c.response()
        ensure(ok.startswith("OK"), "greeting ends %s" % show(ok))
        for want in ('"IMPLEMENTATION" "postern"', '"SASL" "PLAIN LOGIN"', '"VERSION" "1.0"'):
            ensure(want in lines, "no %s in the greeting" % want, "\n".join(lines))
        ensure(any(l.startswith('"SIEVE" "fileinto ') for l in lines), "no SIEVE line", "\n".join(lines))
        ensure('"STARTTLS"' not in lines, "STARTTLS offered without starttls on", "\n".join(lines))
        lines2, ok = c.cmd("CAPABILITY\r\n")
        ensure(ok.startswith("OK") and lines2 == lines, "CAPABILITY differs from the greeting",
               "\n".join(lines2), ok)
        _, ok = c.cmd("LISTSCRIPTS\r\n")
        ensure(ok.startswith("NO"), "LISTSCRIPTS before login: %s" % show(ok))
        _, ok = c.cmd("LOGOUT\r\n")
        ensure(ok.startswith("OK"), "LOGOUT: %s" % show(ok))
        ensure(c.closed(), "still open after LOGOUT")
    finally:
        c.close()


@check("sieve-putscript-setactive-stored", group="sieve")
def _():
    """Raw client: AUTHENTICATE "PLAIN" with the response as a literal, then PUTSCRIPT,
    LISTSCRIPTS, SETACTIVE, GETSCRIPT through postern to Dovecot, which stores the script."""
    mark = auth_log_mark()
    name = "e2e-raw"
    script = sieve_script("postern-e2e-" + uuid.uuid4().hex)
    c = SieveClient(A.sieve)
    try:
        c.response()
        _, ok = c.cmd(b'AUTHENTICATE "PLAIN" ' + sieve_literal(sieve_plain("alice", "alice-pw")) + b"\r\n")
        ensure(ok.startswith("OK"), "AUTHENTICATE: %s" % show(ok))
        _, ok = c.cmd(b'PUTSCRIPT "%s" ' % name.encode() + sieve_literal(script) + b"\r\n")
        ensure(ok.startswith("OK"), "PUTSCRIPT: %s" % show(ok))
        _, ok = c.cmd('SETACTIVE "%s"\r\n' % name)
        ensure(ok.startswith("OK"), "SETACTIVE: %s" % show(ok))
        lines, ok = c.cmd("LISTSCRIPTS\r\n")
        ensure(ok.startswith("OK") and '"%s" ACTIVE' % name in lines, "LISTSCRIPTS: %s" % show(lines), ok)
        lines, ok = c.cmd('GETSCRIPT "%s"\r\n' % name)
        ensure(ok.startswith("OK") and len(lines) == 1, "GETSCRIPT: %s %s" % (show(lines), show(ok)))
        got = lines[0].split("\r\n", 1)[1].encode() if "\r\n" in lines[0] else b""
        ensure(got == script, "GETSCRIPT gave %s" % show(got))
        # The capabilities now are Dovecot's: the session is relayed.
        lines, ok = c.cmd("CAPABILITY\r\n")
        ensure(any("Pigeonhole" in l for l in lines), "not Dovecot's capabilities", "\n".join(lines))
        _, ok = c.cmd("LOGOUT\r\n")
        ensure(ok.startswith("OK"), "LOGOUT: %s" % show(ok))
    finally:
        c.close()
    path = os.path.join(sieve_home("alice"), "sieve", name + ".sieve")
    try:
        with open(path, "rb") as f:
            stored = f.read()
    except OSError as e:
        raise Fail("Dovecot stored no %s: %s" % (path, e))
    ensure(stored == script, "stored script differs: %s" % show(stored))
    active = os.path.realpath(os.path.join(sieve_home("alice"), ".dovecot.sieve"))
    ensure(active == os.path.realpath(path), "active script is %s" % active)
    r = find_request(mark, auth_user="alice", auth_protocol="sieve")
    header_is(r, "Auth-Method", "plain")


@check("auth-file-sieve-login", group="sieve")
def _():
    """auth_file names the ManageSieve backend too (sieve=): alice's yescrypt
    hash checked by postern, then Dovecot's; a wrong password is NO.  No
    request reaches the auth service."""
    ensure(A.af_sieve is not None and A.af_imap is not None,
           "--af-sieve and --af-imap go with --sieve")
    mark = auth_log_mark()
    c = SieveClient(A.af_sieve)
    try:
        c.response()
        _, ok = c.cmd(b'AUTHENTICATE "PLAIN" "' + sieve_plain("alice", "alice-pw") + b'"\r\n')
        ensure(ok.startswith("OK"), "AUTHENTICATE alice: %s" % show(ok))
        lines, ok = c.cmd("LISTSCRIPTS\r\n")
        ensure(ok.startswith("OK"), "LISTSCRIPTS (Dovecot's answer): %s" % show(ok), *lines)
    finally:
        c.close()
    c = SieveClient(A.af_sieve)
    try:
        c.response()
        _, no = c.cmd(b'AUTHENTICATE "PLAIN" "' + sieve_plain("alice", "wrong") + b'"\r\n')
        ensure(no.startswith("NO"), "a wrong password: %s" % show(no))
    finally:
        c.close()
    no_auth_http(mark)


def sieve_connect(port, user, password, *args):
    """Run sieve-connect with the password on a pipe (--passwordfd): (status, output)."""
    rd, wr = os.pipe()
    os.write(wr, password.encode() + b"\n")
    os.close(wr)
    try:
        p = subprocess.run(["sieve-connect", "--server", HOST, "--port", str(port), "--user", user,
                            "--passwordfd", str(rd), "--notlsverify"] + list(args),
                           capture_output=True, text=True, timeout=SWAKS_TIMEOUT,
                           stdin=subprocess.DEVNULL, pass_fds=(rd,))
    finally:
        os.close(rd)
    return p.returncode, p.stdout + p.stderr


@check("sieve-connect-starttls-upload-activate", group="sieve")
def _():
    """sieve-connect (a real client) on the starttls server: STARTTLS, the
    capabilities again inside TLS (RFC 5804 §2.2), AUTHENTICATE PLAIN; it uploads,
    activates, lists and downloads a script of bob's (password "b ob%pw")."""
    mark = auth_log_mark()
    name = "e2e-sc"
    script = sieve_script("postern-e2e-sc-" + uuid.uuid4().hex)
    local = os.path.join(A.state, "e2e-sc.sieve")
    with open(local, "wb") as f:
        f.write(script)
    rc, out = sieve_connect(A.sieve_starttls, "bob", USERS["bob"], "--upload",
                            "--localsieve", local, "--remotesieve", name)
    ensure(rc == 0, "upload: status %d" % rc, out)
    rc, out = sieve_connect(A.sieve_starttls, "bob", USERS["bob"], "--activate", "--remotesieve", name)
    ensure(rc == 0, "activate: status %d" % rc, out)
    rc, out = sieve_connect(A.sieve_starttls, "bob", USERS["bob"], "--list")
    ensure(rc == 0 and name in out, "list: status %d" % rc, out)
    back = os.path.join(A.state, "e2e-sc.back")
    rc, out = sieve_connect(A.sieve_starttls, "bob", USERS["bob"], "--download",
                            "--remotesieve", name, "--localsieve", back)
    ensure(rc == 0, "download: status %d" % rc, out)
    with open(back, "rb") as f:
        got = f.read()
    ensure(got.replace(b"\r\n", b"\n") == script.replace(b"\r\n", b"\n"), "downloaded %s" % show(got))
    path = os.path.join(sieve_home("bob"), "sieve", name + ".sieve")
    try:
        with open(path, "rb") as f:
            stored = f.read()
    except OSError as e:
        raise Fail("Dovecot stored no %s: %s" % (path, e))
    ensure(stored.replace(b"\r\n", b"\n") == script.replace(b"\r\n", b"\n"), "stored %s" % show(stored))
    active = os.path.realpath(os.path.join(sieve_home("bob"), ".dovecot.sieve"))
    ensure(active == os.path.realpath(path), "active script is %s" % active)
    r = find_request(mark, auth_user="bob", auth_protocol="sieve")
    header_is(r, "Auth-SSL", "on")


@check("sieve-wrong-password-no", group="sieve")
def _():
    mark = auth_log_mark()
    c = SieveClient(A.sieve)
    try:
        c.response()
        _, ok = c.cmd(b'AUTHENTICATE "PLAIN" "' + sieve_plain("alice", "wrong-pw") + b'"\r\n')
        ensure(ok == 'NO "%s"' % BAD_TEXT, "wrong password: %s" % show(ok))
        ensure(c.closed(), "still open after the refusal")
    finally:
        c.close()
    r = find_request(mark, auth_user="alice", auth_protocol="sieve")
    ensure(r["result"] == BAD_TEXT, fmt_req(r))


@check("sieve-login-wait-retry", group="sieve")
def _():
    """SASL LOGIN (base64 string challenges), a refusal with Auth-Wait, then a retry
    on the same connection that gets through."""
    c = SieveClient(A.sieve)
    try:
        c.response()
        t0 = time.monotonic()
        c.s.sendall(b'AUTHENTICATE "LOGIN"\r\n')
        ensure(c.line() == '"VXNlcm5hbWU6"', "no Username: challenge")
        c.s.sendall(b'"' + base64.b64encode(b"alice") + b'"\r\n')
        ensure(c.line() == '"UGFzc3dvcmQ6"', "no Password: challenge")
        _, ok = c.cmd(b'"' + base64.b64encode(b"please-wait") + b'"\r\n')
        ensure(ok == 'NO "%s"' % BAD_TEXT and time.monotonic() - t0 >= 0.9,
               "refusal %s after %.2fs" % (show(ok), time.monotonic() - t0))
        _, ok = c.cmd(b'AUTHENTICATE "PLAIN" "' + sieve_plain("alice", "alice-pw") + b'"\r\n')
        ensure(ok.startswith("OK"), "retry: %s" % show(ok))
        _, ok = c.cmd("LOGOUT\r\n")
        ensure(ok.startswith("OK"), "LOGOUT: %s" % show(ok))
    finally:
        c.close()


# ---- across protocols --------------------------------------------------------------------

@check("imap-sees-smtp-mail")
def _():
    token = SHARED.get("smtp_token")
    ensure(token, "smtp-auth-plain-send sent no mail")
    c = imap()
    try:
        c.login("alice", "alice-pw")
        c.select("INBOX", readonly=True)
        typ, data = c.search(None, "SUBJECT", '"%s"' % token)
        ensure(typ == "OK" and data and data[0].split(),
               "SEARCH SUBJECT %s found nothing: %s %s" % (token, typ, show(data)))
    finally:
        close_quietly(c)


@check("pop3-retr-smtp-mail")
def _():
    token = SHARED.get("smtp_token")
    ensure(token, "smtp-auth-plain-send sent no mail")
    c = pop3()
    try:
        c.user("alice")
        c.pass_("alice-pw")
        n, _ = c.stat()
        found = False
        for i in range(1, min(n, 50) + 1):
            _, lines, _ = c.retr(i)
            if any(token.encode() in l for l in lines):
                found = True
                break
        ensure(found, "none of the %d messages holds %s" % (n, token))
    finally:
        close_quietly(c)


# ---- behind HAProxy: PROXY protocol v2 and the real client address ---------------------------
# HAProxy listens on --ha-imap/--ha-smtp and connects to the proxy's proxy_protocol servers
# from 127.0.0.1, which is in their set_real_ip_from; the clients here connect to HAProxy
# from REAL_CLIENT.  So the proxy's peer is 127.0.0.1 and the client it must report is
# REAL_CLIENT, which it can only have learnt from the PROXY header.

REAL_CLIENT = "127.0.0.2"


class IMAP4From(imaplib.IMAP4):
    """imaplib.IMAP4 connecting from a given source address."""

    def __init__(self, host, port, source, timeout):
        self._source = source
        super().__init__(host, port, timeout=timeout)

    def _create_socket(self, timeout):
        return socket.create_connection((self.host, self.port), timeout,
                                        source_address=(self._source, 0))


def error_log_mark():
    try:
        return os.path.getsize(os.path.join(A.state, "postern-error.log"))
    except OSError:
        return 0


def error_log_find(since, regex):
    """The first line of the proxy's error log since byte `since` that matches
    `regex`; polls for up to 2 s (the line may be written just after the reply)."""
    path = os.path.join(A.state, "postern-error.log")
    deadline = time.monotonic() + 2
    while True:
        lines = []
        try:
            with open(path, "rb") as f:
                f.seek(since)
                lines = f.read().decode("latin-1").splitlines()
        except OSError:
            pass
        for l in lines:
            if re.search(regex, l):
                return l
        if time.monotonic() > deadline:
            raise Fail("no line matching %r in postern-error.log since the check began; its last lines:\n%s"
                       % (regex, "\n".join(lines[-5:]) or "(none)"))
        time.sleep(0.05)


@check("haproxy-imap-login")
def _():
    mark, emark = auth_log_mark(), error_log_mark()
    c = IMAP4From(HOST, A.ha_imap, REAL_CLIENT, TIMEOUT)
    try:
        ensure(c.sock.getsockname()[0] == REAL_CLIENT,
               "the client's source address is %s, not %s" % (c.sock.getsockname()[0], REAL_CLIENT))
        SHARED["ha_imap_port"] = c.sock.getsockname()[1]
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN through HAProxy: %s %s" % (typ, show(data)))
        SHARED["ha_imap_emark"] = emark
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX through HAProxy: %s %s" % (typ, show(data)))
        typ, data = c.logout()
        ensure(typ == "BYE", "LOGOUT: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    SHARED["ha_imap_req"] = find_request(mark, auth_user="alice", auth_protocol="imap")


@check("haproxy-imap-client-ip")
def _():
    r = SHARED.get("ha_imap_req")
    ensure(r is not None, "no request recorded by haproxy-imap-login")
    header_is(r, "Client-IP", REAL_CLIENT)       # the proxy's peer was 127.0.0.1


@check("haproxy-imap-proxy-protocol-headers")
def _():
    """The PROXY header's own addresses go to the auth service as nginx sends
    them: the client's address and port, and the address and port HAProxy
    was reached on."""
    r = SHARED.get("ha_imap_req")
    ensure(r is not None, "no request recorded by haproxy-imap-login")
    header_is(r, "Proxy-Protocol-Addr", REAL_CLIENT)
    header_is(r, "Proxy-Protocol-Port", str(SHARED.get("ha_imap_port")))
    header_is(r, "Proxy-Protocol-Server-Addr", HOST)
    header_is(r, "Proxy-Protocol-Server-Port", str(A.ha_imap))


@check("haproxy-imap-logged-in-log")
def _():
    emark = SHARED.get("ha_imap_emark")
    ensure(emark is not None, "haproxy-imap-login did not log in")
    error_log_find(emark, r"client logged in, client: %s, server: 127\.0\.0\.1:%d\b"
                   % (re.escape(REAL_CLIENT), A.pp_imap))


@check("haproxy-smtp-xclient-addr")
def _():
    """Through HAProxy, the proxy hands the real client to Postfix (XCLIENT ADDR):
    the delivered mail's Received header names it."""
    mark, emark = auth_log_mark(), error_log_mark()
    token = "postern-e2e-haproxy-" + uuid.uuid4().hex
    c = smtplib.SMTP(HOST, A.ha_smtp, local_hostname="client.example.test", timeout=TIMEOUT,
                     source_address=(REAL_CLIENT, 0))
    try:
        ensure(c.sock.getsockname()[0] == REAL_CLIENT,
               "the client's source address is %s, not %s" % (c.sock.getsockname()[0], REAL_CLIENT))
        c.ehlo()
        c.user, c.password = "alice", "alice-pw"
        code, msg = c.auth("PLAIN", c.auth_plain, initial_response_ok=True)
        ensure(code == 235, "AUTH PLAIN through HAProxy: %d %s" % (code, show(msg)))
        body = ("From: alice@example.test\r\nTo: alice@example.test\r\n"
                "Subject: %s\r\n\r\nsent through HAProxy and the proxy by tests/e2e\r\n" % token)
        refused = c.sendmail("alice@example.test", ["alice@example.test"], body)
        ensure(not refused, "recipients refused: %r" % refused)
        c.quit()
    finally:
        close_quietly(c)
    r = find_request(mark, auth_user="alice", auth_protocol="smtp")
    header_is(r, "Client-IP", REAL_CLIENT)
    error_log_find(emark, r"client logged in, client: %s, server: 127\.0\.0\.1:%d\b"
                   % (re.escape(REAL_CLIENT), A.pp_smtp))
    received = wait_delivered("alice", token)
    ensure(any("[%s])" % REAL_CLIENT in h and "Authenticated sender: alice)" in h for h in received),
           "no Received header from [%s] with 'Authenticated sender: alice':" % REAL_CLIENT, *received)


def read_until(s, regex):
    """Read from socket s until `regex` matches what came, EOF or TIMEOUT."""
    got = b""
    deadline = time.monotonic() + TIMEOUT
    while not re.search(regex, got):
        s.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            break
        got += chunk
        if time.monotonic() > deadline:
            break
    return got


@check("proxy-protocol-untrusted-peer")
def _():
    """A peer not in set_real_ip_from (127.0.0.3) may send a PROXY header, but
    the client stays the peer: Client-IP is 127.0.0.3, not the header's source."""
    peer, named = "127.0.0.3", "192.0.2.7"
    hdr = (b"\r\n\r\n\x00\r\nQUIT\n" + bytes([0x21, 0x11]) + struct.pack("!H", 12) +
           socket.inet_aton(named) + socket.inet_aton(HOST) + struct.pack("!HH", 40000, A.pp_imap))
    mark = auth_log_mark()
    s = socket.create_connection((HOST, A.pp_imap), timeout=TIMEOUT, source_address=(peer, 0))
    try:
        # The header alone first, as HAProxy sends it: the client speaks after the greeting.
        s.sendall(hdr)
        got = read_until(s, rb"\r\n")
        ensure(got.startswith(b"* OK"), "no greeting after the PROXY header: %s" % show(got))
        s.sendall(b"u1 LOGIN alice alice-pw\r\n")
        got = read_until(s, rb"(?m)^u1 .*\r\n")
        ensure(re.search(rb"(?m)^u1 OK", got), "LOGIN after the PROXY header: %s" % show(got))
    finally:
        s.close()
    r = find_request(mark, auth_user="alice", auth_protocol="imap")
    header_is(r, "Client-IP", peer)


@check("proxy-protocol-no-header-closed")
def _():
    """Straight to a proxy_protocol port, without a header: no greeting, and the
    IMAP command that stands where the header should be closes the connection."""
    s = socket.create_connection((HOST, A.pp_imap), timeout=TIMEOUT)
    try:
        s.settimeout(0.2)    # a greeting would be there at once; what comes later is read below
        try:
            early = s.recv(4096)
        except socket.timeout:
            early = None
        ensure(early is None, "before any PROXY header, the proxy %s" % (
            "sent %s" % show(early) if early else "closed the connection"))
        s.settimeout(TIMEOUT)
        s.sendall(b"a1 CAPABILITY\r\n")
        got = b""
        deadline = time.monotonic() + TIMEOUT
        eof = False
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(4096)
            except socket.timeout:
                break
            except ConnectionResetError:
                eof = True
                break
            if not chunk:
                eof = True
                break
            got += chunk
        ensure(got == b"", "the proxy answered a connection without a PROXY header: %s" % show(got))
        ensure(eof, "the connection stayed open %ds after a line that is no PROXY header" % TIMEOUT)
    finally:
        s.close()


# ---- XOAUTH2 and OAUTHBEARER (postern extension; nginx 1.22 has neither) ------------------------
# Servers --oauth-imap/-pop3/-smtp list xoauth2 and oauthbearer; authd.py takes alice's token
# e2e-token-alice (and any "e2e-long-alice-..."), names alice and her password for the real
# Dovecot/Postfix login, and answers a bad token with Auth-Error-SASL (base64 JSON).

OAUTH_TOKEN = "e2e-token-alice"


def xoauth2_str(user, token):
    return "user=%s\x01auth=Bearer %s\x01\x01" % (user, token)


def oauthbearer_str(user, token):
    return "n,a=%s,\x01host=%s\x01auth=Bearer %s\x01\x01" % (user, HOST, token)


def b64s(s):
    return base64.b64encode(s.encode()).decode()


@check("oauth-imap-xoauth2-imaplib", group="oauth")
def _():
    """imaplib's AUTHENTICATE XOAUTH2 (a "+ " challenge, then the response),
    then a real Dovecot session with the password authd.py named."""
    mark = auth_log_mark()
    c = imaplib.IMAP4(HOST, A.oauth_imap, timeout=TIMEOUT)
    try:
        typ, data = c.capability()
        caps = b" ".join(data).decode().upper().split()
        ensure("AUTH=XOAUTH2" in caps and "AUTH=OAUTHBEARER" in caps,
               "CAPABILITY lacks AUTH=XOAUTH2 / AUTH=OAUTHBEARER: %s" % show(b" ".join(data)))
        typ, data = c.authenticate("XOAUTH2", lambda _: xoauth2_str("alice", OAUTH_TOKEN).encode())
        ensure(typ == "OK", "AUTHENTICATE XOAUTH2: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    r = find_request(mark, auth_method="xoauth2", auth_protocol="imap")
    header_is(r, "Auth-User", "alice")
    header_is(r, "Auth-Pass", OAUTH_TOKEN)


@check("oauth-imap-oauthbearer-sasl-ir", group="oauth")
def _():
    """OAUTHBEARER with an initial response (RFC 4959 SASL-IR) on a raw socket."""
    line = "a1 AUTHENTICATE OAUTHBEARER %s\r\na2 SELECT INBOX\r\n" % b64s(
        oauthbearer_str("alice", OAUTH_TOKEN))
    _, got = raw_exchange(A.oauth_imap, line.encode(), r"(?m)^a2 (OK|NO|BAD)")
    ensure(re.search(r"(?m)^a1 OK", got), "expected a1 OK, got %s" % show(got))
    ensure(re.search(r"(?m)^a2 OK", got), "expected a2 OK (SELECT), got %s" % show(got))


@check("oauth-imap-error-sasl", group="oauth")
def _():
    """A bad token: authd.py's Auth-Error-SASL reaches imaplib as the challenge
    (RFC 7628 section 3.2.2 JSON), the empty answer gets NO with the text."""
    seen = []

    def mech(challenge):
        seen.append(challenge)
        return xoauth2_str("alice", "wrong-token").encode() if len(seen) == 1 else b""
    c = imaplib.IMAP4(HOST, A.oauth_imap, timeout=TIMEOUT)
    try:
        try:
            typ, data = c.authenticate("XOAUTH2", mech)
            raise Fail("AUTHENTICATE with a bad token answered %s %s" % (typ, show(data)))
        except imaplib.IMAP4.error as e:
            msg = str(e)
        ensure("Invalid token" in msg, "expected NO Invalid token, got %r" % msg)
        ensure(len(seen) == 2 and b'"invalid_token"' in seen[1],
               "the error challenge was not the JSON: %s" % show(seen))
    finally:
        close_quietly(c)


@check("oauth-imap-4k-token-too-long", group="oauth")
def _():
    """A 4 KB token does not fit the default imap_client_buffer (4k): BAD,
    the connection closes (with the rest of the line unread, the peer may
    see a reset instead of the BAD), and the error log says why."""
    tok = "e2e-long-alice-" + "x" * 4096
    line = "a1 AUTHENTICATE XOAUTH2 %s\r\n" % b64s(xoauth2_str("alice", tok))
    s = socket.create_connection((HOST, A.oauth_imap), timeout=TIMEOUT)
    got, closed = b"", False
    try:
        s.recv(4096)
        try:
            s.sendall(line.encode())
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                got += chunk
            closed = True
        except (ConnectionResetError, BrokenPipeError):
            closed = True
        except socket.timeout:
            pass
    finally:
        s.close()
    ensure(closed, "the connection stayed open %ds" % TIMEOUT)
    ensure(got == b"" or re.search(rb"(?m)^a1 BAD", got), "expected a1 BAD, got %s" % show(got))
    deadline = time.monotonic() + 2
    while True:
        log = open(os.path.join(A.state, "postern-error.log"), errors="replace").read()
        if "too long command" in log or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    ensure("too long command" in log, "no 'too long command' in the error log")
    ensure(tok[:40] not in log, "the token reached the error log")


@check("oauth-pop3-xoauth2-4k-token", group="oauth")
def _():
    """POP3 AUTH XOAUTH2 with a 4 KB token and an initial response: it fits
    pop3_client_buffer 8k, and Dovecot's session follows."""
    mark = auth_log_mark()
    tok = "e2e-long-alice-" + "y" * 4096
    p = poplib.POP3(HOST, A.oauth_pop3, timeout=TIMEOUT)
    try:
        resp = p._shortcmd("AUTH XOAUTH2 " + b64s(xoauth2_str("alice", tok)))
        ensure(resp.startswith(b"+OK"), "AUTH XOAUTH2: %s" % show(resp))
        n, _ = p.stat()
        ensure(n >= 0, "STAT")
    finally:
        close_quietly(p)
    r = find_request(mark, auth_method="xoauth2", auth_protocol="pop3")
    header_is(r, "Auth-Pass", tok)


@check("oauth-pop3-oauthbearer-error-sasl", group="oauth")
def _():
    """POP3 OAUTHBEARER, bad token: "+ <Auth-Error-SASL>", then "AQ==" (the
    %x01 of RFC 7628 section 3.2.3) gets -ERR Invalid token."""
    s = socket.create_connection((HOST, A.oauth_pop3), timeout=TIMEOUT)
    try:
        f = s.makefile("rb")
        f.readline()
        s.sendall(("AUTH OAUTHBEARER %s\r\n" % b64s(oauthbearer_str("alice", "bad"))).encode())
        ch = f.readline()
        ensure(ch.startswith(b"+ "), "expected a challenge, got %s" % show(ch))
        ensure(b'"invalid_token"' in base64.b64decode(ch[2:].strip()),
               "challenge is not the JSON: %s" % show(ch))
        s.sendall(b"AQ==\r\n")
        line = f.readline()
        ensure(line.startswith(b"-ERR Invalid token"), "expected -ERR Invalid token, got %s" % show(line))
    finally:
        s.close()


@check("oauth-smtp-xoauth2-smtplib", group="oauth")
def _():
    """smtplib's auth('XOAUTH2') sends an initial response; then a mail goes
    through Postfix as alice (XCLIENT LOGIN)."""
    mark = auth_log_mark()
    c = smtplib.SMTP(HOST, A.oauth_smtp, local_hostname="client.example.test", timeout=TIMEOUT)
    try:
        c.ehlo()
        ensure("xoauth2" in c.esmtp_features.get("auth", "").lower(),
               "EHLO AUTH lacks XOAUTH2: %r" % c.esmtp_features.get("auth"))
        code, resp = c.auth("XOAUTH2", lambda _=None: xoauth2_str("alice", OAUTH_TOKEN))
        ensure(code == 235, "AUTH XOAUTH2: %s %s" % (code, show(resp)))
        c.sendmail("alice@example.test", ["alice@example.test"],
                   "Subject: oauth\r\n\r\npostern-e2e-oauth\r\n")
    finally:
        close_quietly(c)
    r = find_request(mark, auth_method="xoauth2", auth_protocol="smtp")
    header_is(r, "Auth-User", "alice")


@check("oauth-smtp-oauthbearer-error-sasl", group="oauth")
def _():
    """smtplib, bad OAUTHBEARER token: "334 <Auth-Error-SASL>", smtplib's
    empty answer, then 535 with the auth server's text."""
    seen = []

    def mech(challenge=None):
        seen.append(challenge)
        return oauthbearer_str("alice", "bad") if challenge is None else ""
    c = smtplib.SMTP(HOST, A.oauth_smtp, local_hostname="client.example.test", timeout=TIMEOUT)
    try:
        c.ehlo()
        try:
            code, resp = c.auth("OAUTHBEARER", mech)
            raise Fail("AUTH with a bad token answered %s %s" % (code, show(resp)))
        except smtplib.SMTPAuthenticationError as e:
            ensure(e.smtp_code == 535 and b"Invalid token" in e.smtp_error,
                   "expected 535 Invalid token, got %s %s" % (e.smtp_code, show(e.smtp_error)))
        ensure(len(seen) == 2 and seen[1] and b'"invalid_token"' in seen[1],
               "the error challenge was not the JSON: %s" % show(seen))
    finally:
        close_quietly(c)


# ---- IMAP ID (RFC 2971; postern extension: nginx answers BAD) ---------------------------------

@check("imap-id-before-login", group="postern")
def _():
    """imaplib's ID before LOGIN gets "* ID NIL" and OK (nginx: BAD), and
    the pairs reach the auth service as Client-ID-* headers."""
    mark = auth_log_mark()
    name = "e2e-" + uuid.uuid4().hex[:12]
    c = imap()
    try:
        typ, data = c.xatom("ID", '("name" "%s" "os" NIL)' % name)
        ensure(typ == "OK", "ID: %s %s" % (typ, show(data)))
        ensure(c.untagged_responses.get("ID") == [b"NIL"],
               "untagged ID: %s" % show(c.untagged_responses.get("ID")))
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    r = find_request(mark, auth_user="alice", auth_protocol="imap", client_id_name=name)
    ensure("client-id-os" not in r["h"], "a NIL value was sent", fmt_req(r))


@check("imap-id-forwarded-to-dovecot", group="oauth")
def _():
    """proxy_imap_id on: Dovecot (login_trusted_networks 127.0.0.0/8) takes
    the client's port and postern's port from the forwarded ID and logs the
    client's own ID fields; the client's forged x-originating-ip is dropped."""
    name = "e2e-" + uuid.uuid4().hex[:12]
    since = os.path.getsize(dc_log())
    c = imaplib.IMAP4(HOST, A.imap_id, timeout=TIMEOUT)
    try:
        cport = c.sock.getsockname()[1]
        typ, data = c.xatom("ID", '("name" "%s" "x-originating-ip" "10.6.6.6")' % name)
        ensure(typ == "OK", "ID: %s %s" % (typ, show(data)))
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "LOGIN: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)
    file_find(dc_log(), since, r"imap-login: (Info: )?ID sent: .*name=%s" % name, "dc/dovecot.log")
    file_find(dc_log(), since, r"imap-login: (Info: )?Login: user=<alice>, .*\brip=127\.0\.0\.1, "
              r"rport=%d, .*\blport=%d," % (cport, A.imap_id), "dc/dovecot.log")


# ---- auth_file, in the background ------------------------------------------------------------

@check("auth-file-bad-password-wait-retry", group="auth_file", after="auth-file-imap-login-hash")
def _():
    """A wrong password is refused after Auth-Wait (3 s), and the client may
    try again on the same connection.  It runs while the checks after
    auth-file-imap-login-hash do: the wait must hold only this session, not
    the worker."""
    c = af_imap()
    try:
        t0 = time.monotonic()
        try:
            typ, data = c.login("alice", "wrong-pw")
            raise Fail("LOGIN with a wrong password answered %s %s" % (typ, show(data)))
        except imaplib.IMAP4.error as e:
            msg = str(e)
        waited = time.monotonic() - t0
        ensure(BAD_TEXT in msg, "expected NO with %r, got %r" % (BAD_TEXT, msg))
        ensure(waited >= AF_WAIT, "the NO came after %.2fs, expected >= %.1fs (Auth-Wait: 3)"
               % (waited, AF_WAIT))
        typ, data = c.login("alice", "alice-pw")
        ensure(typ == "OK", "the retry on the same connection: %s %s" % (typ, show(data)))
        typ, data = c.select("INBOX")
        ensure(typ == "OK", "SELECT INBOX after the retry: %s %s" % (typ, show(data)))
    finally:
        close_quietly(c)


def run_check(fn):
    """None if the check passed, else the lines that say why it failed."""
    try:
        fn()
    except Fail as e:
        return str(e).splitlines() or ["failed"]
    except Exception as e:
        out = ["%s: %s" % (type(e).__name__, e)]
        tb = [fr for fr in traceback.extract_tb(e.__traceback__)
              if os.path.basename(fr.filename) == os.path.basename(__file__)]
        for fr in tb[-1:]:
            out.append("at %s:%d %s" % (os.path.basename(fr.filename), fr.lineno, fr.line))
        return out
    return None


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("--state", required=True)
    ap.add_argument("--auth-log", required=True)
    ap.add_argument("--imap", type=int, required=True)
    ap.add_argument("--pop3", type=int, required=True)
    ap.add_argument("--smtp", type=int, required=True)
    ap.add_argument("--smtp-noauth", type=int, required=True)
    ap.add_argument("--pp-imap", type=int, required=True, help="IMAP with listen ... proxy_protocol")
    ap.add_argument("--pp-smtp", type=int, required=True, help="SMTP with listen ... proxy_protocol")
    ap.add_argument("--ha-imap", type=int, required=True, help="HAProxy in front of --pp-imap")
    ap.add_argument("--ha-smtp", type=int, required=True, help="HAProxy in front of --pp-smtp")
    ap.add_argument("--imaps", type=int, required=True, help="IMAP, listen ... ssl")
    ap.add_argument("--imap-starttls", type=int, required=True, help="IMAP, starttls on")
    ap.add_argument("--pop3s", type=int, required=True, help="POP3, listen ... ssl")
    ap.add_argument("--pop3-starttls", type=int, required=True, help="POP3, starttls on")
    ap.add_argument("--smtps", type=int, required=True, help="SMTP, listen ... ssl")
    ap.add_argument("--smtp-starttls-only", dest="smtp_starttls", type=int, required=True, help="SMTP, starttls only")
    ap.add_argument("--tls-cert", required=True, help="the certificate of the TLS servers")
    ap.add_argument("--imaps-cc", type=int, required=True, help="IMAPS, ssl_verify_client on")
    ap.add_argument("--smtp-cc", type=int, required=True, help="SMTP, starttls on, ssl_verify_client optional")
    ap.add_argument("--certs", required=True, help="tests/certs: the client certificates and their CA")
    # auth_file servers: without them (nginx has no auth_file) their checks are not run
    # and print nothing.
    ap.add_argument("--af-imap", type=int)
    ap.add_argument("--af-pop3", type=int)
    ap.add_argument("--af-smtp", type=int)
    # proxy_ssl servers: likewise postern only
    ap.add_argument("--btls-imap", type=int, help="IMAP, proxy_ssl on (to Dovecot's IMAPS)")
    ap.add_argument("--btls-pop3", type=int, help="POP3, proxy_ssl starttls")
    ap.add_argument("--btls-smtp", type=int, help="SMTP, proxy_ssl starttls")
    ap.add_argument("--btls-imap-badname", type=int, help="IMAP, proxy_ssl on, a wrong proxy_ssl_name")
    ap.add_argument("--imaps-sni", type=int, help="IMAPS with two certificates chosen by SNI")
    ap.add_argument("--dc-imaps", type=int, help="Dovecot's IMAPS port (in its log)")
    ap.add_argument("--dc-pop3", type=int, help="Dovecot's POP3 port (in its log)")
    # XOAUTH2/OAUTHBEARER servers: postern only
    ap.add_argument("--oauth-imap", type=int, help="IMAP, imap_auth xoauth2 oauthbearer")
    ap.add_argument("--oauth-pop3", type=int, help="POP3, pop3_auth xoauth2 oauthbearer, 8k buffer")
    ap.add_argument("--oauth-smtp", type=int, help="SMTP, smtp_auth xoauth2 oauthbearer")
    ap.add_argument("--imap-id", type=int, help="IMAP, proxy_imap_id on")
    # ManageSieve servers: postern only (nginx has no sieve module)
    ap.add_argument("--sieve", type=int, help="ManageSieve, protocol sieve")
    ap.add_argument("--sieve-starttls", type=int, help="ManageSieve, starttls on")
    ap.add_argument("--af-sieve", type=int, help="ManageSieve, auth_file (with --sieve and --af-imap)")
    ap.add_argument("--status", type=int, help="status_listen (postern only)")
    ap.add_argument("--imap-limits", type=int,
                    help="IMAP, limit_conn_per_ip 2, limit_login_per_user 1r/m burst=1")
    ap.add_argument("--postern", action="store_true",
                    help="the proxy is postern: run the checks of its own extensions (group postern)")
    ap.add_argument("--only", default="", help="comma-separated check names")
    A = ap.parse_args()
    only = set(filter(None, A.only.split(",")))
    socket.setdefaulttimeout(TIMEOUT)
    af = (A.af_imap, A.af_pop3, A.af_smtp)
    if any(af) and not all(af):
        ap.error("--af-imap, --af-pop3 and --af-smtp go together")
    btls = (A.btls_imap, A.btls_pop3, A.btls_smtp, A.btls_imap_badname, A.dc_imaps, A.dc_pop3)
    if any(btls) and not all(btls):
        ap.error("--btls-imap, --btls-pop3, --btls-smtp, --btls-imap-badname, --dc-imaps and --dc-pop3 go together")
    start = time.monotonic()
    todo = [(name, after, fn) for name, group, after, fn in CHECKS
            if (not only or name in only) and (group != "auth_file" or A.af_imap is not None)
            and (group != "proxy_ssl" or A.btls_imap is not None)
            and (group != "postern" or A.postern)
            and (group != "oauth" or A.oauth_imap is not None)
            and (group != "sieve" or A.sieve is not None)]
    threads = {}      # background check -> (thread, its result, when it started)
    for name, after, fn in todo:
        t0 = time.monotonic()
        if after:
            if name not in threads:
                failed = ["not run: %s, which it runs after, did not pass" % after]
            else:
                t, res, t0 = threads[name]
                t.join(max(0.0, t0 + BG_WAIT - time.monotonic()))
                failed = res["fail"] if "fail" in res else [
                    "not finished %ds after it started in the background" % BG_WAIT]
        elif t0 - start > BUDGET:
            failed = ["not run: the checks' time budget of %ds is spent" % BUDGET]
        else:
            failed = run_check(fn)
        if failed is None:
            print("PASS e2e:%s" % name)
        else:
            print("FAIL e2e:%s" % name)
            for l in failed:
                print("    " + l)
        sys.stdout.flush()
        if time.monotonic() - t0 > 20:
            print("    (took %.1fs)" % (time.monotonic() - t0))
        if failed is None:
            for bname, bafter, bfn in todo:
                if bafter == name:
                    res = {}
                    t = threading.Thread(target=lambda f=bfn, r=res: r.update(fail=run_check(f)),
                                         daemon=True)
                    t.start()
                    threads[bname] = (t, res, time.monotonic())
    return 0


if __name__ == "__main__":
    sys.exit(main())
