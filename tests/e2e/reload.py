#!/usr/bin/env python3
"""tests/e2e/reload.py - SIGHUP to the proxy's master while clients keep it busy.

    reload.py --state DIR --auth-log FILE --conf FILE --master-pid PID
              --imap PORT --pop3 PORT --smtp PORT

CLIENTS threads (KINDS: 8 IMAP, 8 POP3, 4 SMTP) run sessions back to back
for LOAD_SECONDS: IMAP (LOGIN, SELECT, UID FETCH of a seeded message,
LOGOUT), POP3 (USER/PASS, STAT, RETR of it, QUIT) and SMTP (EHLO, AUTH PLAIN
or LOGIN, a mail to alice, QUIT).  LONG sessions more log in before the first
SIGHUP, send NOOPs through all of them and do their work at the end: the
draining old workers must keep serving them through every later reload.
Meanwhile the master gets SIGHUP at each of HUP_AT; before the second one the
config's "auth_http_header X-E2E-Conf gen1" becomes gen2.  Prints, at column
0, "PASS e2e:<name>" or "FAIL e2e:<name>" with details indented:

  sighup-load            every session of every client succeeded, every reply
                         was the expected one, and sessions were in flight at
                         each SIGHUP
  sighup-load-delivered  every mail sent reached alice's maildir, each with
                         the sender's login seen by Postfix through XCLIENT
  sighup-load-workers    each SIGHUP started a new worker; once the sessions
                         ended, the old workers were gone and only new ones left
  sighup-load-config     after the reload with gen2, new sessions of all three
                         protocols send X-E2E-Conf: gen2; nothing else was sent
                         but gen1 and gen2

Bounded: every socket times out after TIMEOUT s, the load runs LOAD_SECONDS,
the waits for workers and deliveries poll for at most WAIT s each.
"""

import argparse
import email
import imaplib
import json
import os
import poplib
import re
import signal
import smtplib
import socket
import sys
import threading
import time
import traceback
import uuid

HOST = "127.0.0.1"
TIMEOUT = 5
KINDS = ("imap", "pop3", "imap", "pop3", "smtp")     # client i runs KINDS[i % 5]
CLIENTS = 20
LONG = ("imap", "imap", "pop3", "smtp")    # sessions that last through all the reloads
NOOP_EVERY = 0.2
LOAD_SECONDS = 4.0
HUP_AT = (0.8, 1.8, 2.8)     # seconds into the load; the config changes before the 2nd
WAIT = 5                     # for new workers, old workers' exit, deliveries
USERS = {"alice": "alice-pw", "bob": "b ob%pw"}
CONF_HEADER = "auth_http_header X-E2E-Conf %s;"

A = None
RESULTS = {}                  # check name -> list of failure lines (empty: pass)


def note(name, *lines):
    RESULTS.setdefault(name, []).extend(lines)


# ---- processes ----------------------------------------------------------------------------

def children(pid):
    """PIDs whose parent is pid, from /proc."""
    out = set()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses
        fields = st[st.rfind(")") + 2:].split()
        if len(fields) > 1 and fields[1] == str(pid):
            out.add(int(d))
    return out


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read()
        return st[st.rfind(")") + 2:].split()[0] != "Z"
    except OSError:
        return False


# ---- the auth service's log ------------------------------------------------------------------

def auth_log_mark():
    try:
        return os.path.getsize(A.auth_log)
    except OSError:
        return 0


def auth_requests(since=0):
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


# ---- one session of each kind -----------------------------------------------------------------

class SessionError(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise SessionError(what)


def fetched_body(data):
    """The BODY[] literal among the FETCH responses imaplib collected: flag
    updates (POP3 sessions mark the message seen) may come along."""
    for item in data or ():
        if isinstance(item, tuple) and b"BODY[]" in item[0]:
            return item[1]
    return None


def imap_session(seed):
    c = None
    step = "connect"
    try:
        c = imaplib.IMAP4(HOST, A.imap, timeout=TIMEOUT)
        step = "LOGIN"
        typ, data = c.login("bob", USERS["bob"])
        expect(typ == "OK", "LOGIN: %s %r" % (typ, data))
        step = "SELECT"
        typ, data = c.select("INBOX")
        expect(typ == "OK", "SELECT: %s %r" % (typ, data))
        step = "UID FETCH"
        typ, data = c.uid("FETCH", seed["uid"], "(BODY.PEEK[])")
        body = fetched_body(data)
        expect(typ == "OK" and body is not None, "UID FETCH %s: %s %r" % (seed["uid"], typ, data))
        expect(body == seed["body"], "UID FETCH %s: %d bytes, not the seeded message"
               % (seed["uid"], len(body)))
        step = "LOGOUT"
        typ, data = c.logout()
        expect(typ == "BYE", "LOGOUT: %s %r" % (typ, data))
    except SessionError:
        raise
    except Exception as e:
        raise SessionError("%s: %s: %s" % (step, type(e).__name__, e))
    finally:
        if c is not None:
            try:
                c.shutdown()
            except Exception:
                pass


def pop3_session(seed):
    c = None
    step = "connect"
    try:
        c = poplib.POP3(HOST, A.pop3, timeout=TIMEOUT)
        step = "USER"
        c.user("bob")
        step = "PASS"
        resp = c.pass_(USERS["bob"])
        expect(resp.startswith(b"+OK"), "PASS: %r" % resp)
        step = "STAT"
        n, _ = c.stat()
        expect(n >= seed["pop3_num"], "STAT: %d messages, the seed is number %d" % (n, seed["pop3_num"]))
        step = "RETR"
        resp, lines, _ = c.retr(seed["pop3_num"])
        expect(resp.startswith(b"+OK"), "RETR: %r" % resp)
        expect(b"\r\n".join(lines) + b"\r\n" == seed["body"], "RETR %d: not the seeded message"
               % seed["pop3_num"])
        step = "QUIT"
        resp = c.quit()
        expect(resp.startswith(b"+OK"), "QUIT: %r" % resp)
    except SessionError:
        raise
    except Exception as e:
        raise SessionError("%s: %s: %s" % (step, type(e).__name__, e))
    finally:
        if c is not None:
            try:
                c.close()
            except Exception:
                pass


def smtp_session(n, sent, lock):
    user = "alice" if n % 2 == 0 else "bob"
    mech = "PLAIN" if user == "alice" else "LOGIN"
    token = "postern-e2e-hup-" + uuid.uuid4().hex
    c = None
    step = "connect"
    try:
        c = smtplib.SMTP(HOST, A.smtp, local_hostname="client.example.test", timeout=TIMEOUT)
        step = "EHLO"
        code, msg = c.ehlo()
        expect(code == 250, "EHLO: %d %r" % (code, msg))
        step = "AUTH " + mech
        c.user, c.password = user, USERS[user]
        code, msg = c.auth(mech, c.auth_plain if mech == "PLAIN" else c.auth_login,
                           initial_response_ok=(mech == "PLAIN"))
        expect(code == 235, "AUTH %s: %d %r" % (mech, code, msg))
        step = "MAIL/RCPT/DATA"
        body = ("From: %s@example.test\r\nTo: alice@example.test\r\nSubject: %s\r\n"
                "Message-ID: <%s@client.example.test>\r\n\r\nsent during reloads\r\n"
                % (user, token, token))
        refused = c.sendmail("%s@example.test" % user, ["alice@example.test"], body)
        expect(not refused, "recipients refused: %r" % refused)
        with lock:
            sent[token] = user
        step = "QUIT"
        code, msg = c.quit()
        expect(code == 221, "QUIT: %d %r" % (code, msg))
    except SessionError:
        raise
    except Exception as e:
        raise SessionError("%s as %s: %s: %s" % (step, user, type(e).__name__, e))
    finally:
        if c is not None:
            try:
                c.close()
            except Exception:
                pass


def long_session(kind, seed, stop, ready, sent, lock):
    """A session that logs in before the first SIGHUP, sends a NOOP every
    NOOP_EVERY s while the reloads go on, and then does its work and logs out."""
    c = None
    step = "connect"
    try:
        if kind == "imap":
            c = imaplib.IMAP4(HOST, A.imap, timeout=TIMEOUT)
            step = "LOGIN"
            typ, data = c.login("bob", USERS["bob"])
            expect(typ == "OK", "LOGIN: %s %r" % (typ, data))
            step = "SELECT"
            typ, data = c.select("INBOX")
            expect(typ == "OK", "SELECT: %s %r" % (typ, data))
            ready.set()
            while not stop.wait(NOOP_EVERY):
                step = "NOOP"
                typ, data = c.noop()
                expect(typ == "OK", "NOOP: %s %r" % (typ, data))
            step = "UID FETCH"
            typ, data = c.uid("FETCH", seed["uid"], "(BODY.PEEK[])")
            expect(typ == "OK" and fetched_body(data) == seed["body"],
                   "UID FETCH %s: %s, not the seeded message: %r" % (seed["uid"], typ, data)[:300])
            step = "LOGOUT"
            typ, data = c.logout()
            expect(typ == "BYE", "LOGOUT: %s %r" % (typ, data))
        elif kind == "pop3":
            c = poplib.POP3(HOST, A.pop3, timeout=TIMEOUT)
            step = "USER/PASS"
            c.user("bob")
            resp = c.pass_(USERS["bob"])
            expect(resp.startswith(b"+OK"), "PASS: %r" % resp)
            ready.set()
            while not stop.wait(NOOP_EVERY):
                step = "NOOP"
                resp = c.noop()
                expect(resp.startswith(b"+OK"), "NOOP: %r" % resp)
            step = "RETR"
            resp, lines, _ = c.retr(seed["pop3_num"])
            expect(b"\r\n".join(lines) + b"\r\n" == seed["body"], "RETR %d: not the seeded message"
                   % seed["pop3_num"])
            step = "QUIT"
            resp = c.quit()
            expect(resp.startswith(b"+OK"), "QUIT: %r" % resp)
        else:
            token = "postern-e2e-hup-" + uuid.uuid4().hex
            c = smtplib.SMTP(HOST, A.smtp, local_hostname="client.example.test", timeout=TIMEOUT)
            step = "EHLO"
            code, msg = c.ehlo()
            expect(code == 250, "EHLO: %d %r" % (code, msg))
            step = "AUTH PLAIN"
            c.user, c.password = "alice", USERS["alice"]
            code, msg = c.auth("PLAIN", c.auth_plain, initial_response_ok=True)
            expect(code == 235, "AUTH PLAIN: %d %r" % (code, msg))
            ready.set()
            while not stop.wait(NOOP_EVERY):
                step = "NOOP"
                code, msg = c.noop()
                expect(code == 250, "NOOP: %d %r" % (code, msg))
            step = "MAIL/RCPT/DATA"
            body = ("From: alice@example.test\r\nTo: alice@example.test\r\nSubject: %s\r\n\r\n"
                    "sent at the end of a session that lasted through the reloads\r\n" % token)
            refused = c.sendmail("alice@example.test", ["alice@example.test"], body)
            expect(not refused, "recipients refused: %r" % refused)
            with lock:
                sent[token] = "alice"
            step = "QUIT"
            code, msg = c.quit()
            expect(code == 221, "QUIT: %d %r" % (code, msg))
    except SessionError as e:
        raise SessionError("%s (step %s)" % (e, step))
    except Exception as e:
        raise SessionError("%s: %s: %s" % (step, type(e).__name__, e))
    finally:
        sock = getattr(c, "sock", None)
        if sock is not None:
            try:
                sock.close()
            except Exception:
                pass


# ---- the seed message in bob's maildir --------------------------------------------------------

def seed_message():
    """Put a message into bob's maildir and find its IMAP UID and POP3 number
    (through the proxy, before any reload)."""
    token = "postern-e2e-seed-" + uuid.uuid4().hex
    body = ("From: seed@example.test\r\nTo: bob@example.test\r\nSubject: %s\r\n\r\n" % token +
            "".join("line %03d of the message the clients fetch during reloads\r\n" % i
                    for i in range(200))).encode()
    newdir = os.path.join(A.state, "mail", "bob", "Maildir", "new")
    path = os.path.join(newdir, "%d.%s.e2e" % (int(time.time()), token))
    st = os.stat(newdir)
    with open(path + ".tmp", "wb") as f:
        f.write(body)
    os.chown(path + ".tmp", st.st_uid, st.st_gid)
    os.rename(path + ".tmp", path)
    c = imaplib.IMAP4(HOST, A.imap, timeout=TIMEOUT)
    try:
        c.login("bob", USERS["bob"])
        c.select("INBOX", readonly=True)
        typ, data = c.uid("SEARCH", None, "SUBJECT", token)
        uids = data[0].split() if typ == "OK" and data and data[0] else []
        if len(uids) != 1:
            raise SessionError("UID SEARCH for the seeded message: %s %r" % (typ, data))
        c.logout()
    finally:
        try:
            c.shutdown()
        except Exception:
            pass
    c = poplib.POP3(HOST, A.pop3, timeout=TIMEOUT)
    num = None
    try:
        c.user("bob")
        c.pass_(USERS["bob"])
        n, _ = c.stat()
        for i in range(1, min(n, 50) + 1):
            _, lines, _ = c.top(i, 0)
            if any(token.encode() in l for l in lines):
                num = i
                break
        c.quit()
    finally:
        c.close()
    if num is None:
        raise SessionError("POP3: the seeded message is not among bob's messages")
    return {"uid": uids[0].decode(), "pop3_num": num, "body": body}


# ---- the load ---------------------------------------------------------------------------------

def run_load(seed):
    """Run the clients; send the SIGHUPs.  Returns (sessions, failures, sent,
    hups): sessions = [(kind, t_start, t_end, succeeded)], failures = [text],
    hups = [(t, workers before, new workers)]."""
    stop = threading.Event()
    lock = threading.Lock()
    sessions, failures, sent = [], [], {}
    t0 = time.monotonic()

    def client(i):
        kind = KINDS[i % len(KINDS)]
        n = 0
        while not stop.is_set():
            ts = time.monotonic() - t0
            try:
                if kind == "imap":
                    imap_session(seed)
                elif kind == "pop3":
                    pop3_session(seed)
                else:
                    smtp_session(i + n, sent, lock)
                ok = None
            except SessionError as e:
                ok = str(e)
            except Exception as e:          # a bug in this script: report it as such
                ok = "%s: %s (%s)" % (type(e).__name__, e, traceback.format_exc(limit=2))
            te = time.monotonic() - t0
            with lock:
                sessions.append((kind, ts, te, ok is None))
                if ok is not None:
                    failures.append("client %d (%s) session %d, %.3f-%.3fs: %s" % (i, kind, n, ts, te, ok))
            n += 1
            if ok is not None:
                stop.wait(0.05)     # a refused connect must not spin

    def long_client(i, kind, ready):
        ts = time.monotonic() - t0
        try:
            long_session(kind, seed, stop, ready, sent, lock)
            ok = None
        except SessionError as e:
            ok = str(e)
        except Exception as e:
            ok = "%s: %s (%s)" % (type(e).__name__, e, traceback.format_exc(limit=2))
        ready.set()
        te = time.monotonic() - t0
        with lock:
            sessions.append(("long-" + kind, ts, te, ok is None))
            if ok is not None:
                failures.append("long session %d (%s), %.3f-%.3fs: %s" % (i, kind, ts, te, ok))

    readies = [threading.Event() for _ in LONG]
    threads = [threading.Thread(target=long_client, args=(i, k, readies[i]), daemon=True)
               for i, k in enumerate(LONG)]
    for t in threads:
        t.start()
    for r in readies:
        r.wait(TIMEOUT)
    short = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CLIENTS)]
    for t in short:
        t.start()
    threads += short
    hups = []
    seen = children(A.master_pid)
    for k, at in enumerate(HUP_AT):
        delay = at - (time.monotonic() - t0)
        if delay > 0:
            time.sleep(delay)
        if k == 1:
            err = set_conf_gen("gen2")
            if err:
                note("sighup-load-config", err)
        before = children(A.master_pid)
        th = time.monotonic() - t0
        try:
            os.kill(A.master_pid, signal.SIGHUP)
        except ProcessLookupError:
            note("sighup-load-workers", "the master (pid %d) was gone before SIGHUP %d" % (A.master_pid, k + 1))
            break
        # a new worker: one the master did not have before
        deadline = time.monotonic() + WAIT
        new = set()
        while time.monotonic() < deadline:
            new = children(A.master_pid) - seen - before
            if new:
                break
            time.sleep(0.02)
        seen |= new
        hups.append((th, before, new))
    delay = LOAD_SECONDS - (time.monotonic() - t0)
    if delay > 0:
        time.sleep(delay)
    stop.set()
    deadline = time.monotonic() + 3 * TIMEOUT
    for t in threads:
        t.join(max(0.01, deadline - time.monotonic()))
    hung = [t.name for t in threads if t.is_alive()]
    if hung:
        failures.append("%d client threads still running %ds after the load ended" % (len(hung), 3 * TIMEOUT))
    for k, f in enumerate(failures):
        m = re.search(r"-([0-9.]+)s: ", f)
        near = sorted((abs(float(m.group(1)) - h[0]), float(m.group(1)) - h[0], j)
                      for j, h in enumerate(hups)) if m else []
        if near:
            _, d, j = near[0]
            failures[k] = "%s  [failed %+.3fs from SIGHUP %d]" % (f, d, j + 1)
    return sessions, failures, sent, hups


def set_conf_gen(gen):
    with open(A.conf) as f:
        text = f.read()
    old = re.findall(r"auth_http_header X-E2E-Conf \w+;", text)
    if len(old) != 1:
        return "%s holds %d X-E2E-Conf lines, expected 1" % (A.conf, len(old))
    tmp = A.conf + ".new"
    with open(tmp, "w") as f:
        f.write(text.replace(old[0], CONF_HEADER % gen))
    os.rename(tmp, A.conf)
    return None


def delivered_tokens(want):
    """token -> Received headers of the mails in alice's maildir holding a wanted token."""
    found = {}
    for sub in ("new", "cur"):
        d = os.path.join(A.state, "mail", "alice", "Maildir", sub)
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for name in names:
            try:
                with open(os.path.join(d, name), "rb") as f:
                    head = f.read(8192)
            except OSError:
                continue
            m = re.search(rb"Subject: (postern-e2e-hup-[0-9a-f]+)", head)
            if m and m.group(1).decode() in want:
                msg = email.message_from_bytes(head.split(b"\r\n\r\n")[0].split(b"\n\n")[0])
                found[m.group(1).decode()] = [" ".join(h.split()) for h in (msg.get_all("Received") or [])]
    return found


def fresh_sessions_conf(seed):
    """One session of each protocol now: {protocol: the X-E2E-Conf value sent}."""
    mark = auth_log_mark()
    sent, lock = {}, threading.Lock()
    imap_session(seed)
    pop3_session(seed)
    smtp_session(0, sent, lock)
    got = {}
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        for r in auth_requests(mark):
            got[r["h"].get("auth-protocol")] = r["h"].get("x-e2e-conf")
        if len(got) == 3:
            break
        time.sleep(0.05)
    return got


def log_excerpt(path, n=30):
    """The proxy's error log without its per-session [info] lines: the
    reloads, worker starts and stops, and anything gone wrong."""
    try:
        with open(path, errors="replace") as f:
            lines = [l.rstrip("\n") for l in f if "[info]" not in l]
        return ["--- %s without [info] lines:" % os.path.basename(path)] + lines[-n:]
    except OSError:
        return ["--- %s: missing" % os.path.basename(path)]


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("--state", required=True)
    ap.add_argument("--auth-log", required=True)
    ap.add_argument("--conf", required=True)
    ap.add_argument("--master-pid", type=int, required=True)
    ap.add_argument("--imap", type=int, required=True)
    ap.add_argument("--pop3", type=int, required=True)
    ap.add_argument("--smtp", type=int, required=True)
    A = ap.parse_args()
    socket.setdefaulttimeout(TIMEOUT)
    names = ("sighup-load", "sighup-load-delivered", "sighup-load-workers", "sighup-load-config")
    for n in names:
        RESULTS[n] = []

    if not alive(A.master_pid):
        for n in names:
            print("FAIL e2e:%s\n    the master (pid %d) is not running" % (n, A.master_pid))
        return 0
    t_begin = time.monotonic()
    initial = children(A.master_pid)
    mark = auth_log_mark()
    try:
        seed = seed_message()
    except Exception as e:
        for n in names:
            print("FAIL e2e:%s\n    seeding bob's maildir through the proxy failed: %s" % (n, e))
        return 0

    t_start = time.monotonic()
    sessions, failures, sent, hups = run_load(seed)
    t_load = time.monotonic() - t_start

    # ---- sighup-load
    if failures:
        # alike failures (the same error) once, with their count and the last of them
        groups = {}
        for f in failures:
            m = re.match(r".*?, [0-9.]+-[0-9.]+s: (.*?)(  \[failed .*\])?$", f, re.S)
            groups.setdefault(m.group(1) if m else f, []).append(f)
        lines = []
        for fs in groups.values():
            lines.append(fs[0])
            if len(fs) > 1:
                lines.append("    ... and %d more like it, the last: %s" % (len(fs) - 1, fs[-1]))
        note("sighup-load", "%d of %d sessions failed (SIGHUPs at %s s):" % (
            len(failures), len(sessions), ", ".join("%.3f" % h[0] for h in hups)), *lines[:20])
        if len(lines) > 20:
            note("sighup-load", "... and %d more kinds of failure" % (len(lines) - 20))
    kinds = {k: sum(1 for s in sessions if s[0] == k and s[3]) for k in ("imap", "pop3", "smtp")}
    for k, n in kinds.items():
        # at least one good session per client of the kind
        if n < CLIENTS * KINDS.count(k) // len(KINDS):
            note("sighup-load", "only %d good %s sessions in %.1fs" % (n, k, LOAD_SECONDS))
    for th, _, _ in hups:
        inflight = sum(1 for s in sessions if s[1] < th < s[2] and not s[0].startswith("long-"))
        if inflight == 0:
            note("sighup-load", "no short session was in flight at the SIGHUP at %.2fs" % th)
    longs = [s for s in sessions if s[0].startswith("long-")]
    if len(longs) != len(LONG):
        note("sighup-load", "%d long sessions ended, expected %d" % (len(longs), len(LONG)))
    for kind, ts, te, ok in longs:
        if ok and hups and not (ts < hups[0][0] and te > hups[-1][0]):
            note("sighup-load", "a %s session (%.3f-%.3fs) did not span the SIGHUPs" % (kind, ts, te))

    # ---- sighup-load-delivered
    deadline = time.monotonic() + WAIT
    found = {}
    while time.monotonic() < deadline:
        found = delivered_tokens(sent)
        if len(found) == len(sent):
            break
        time.sleep(0.1)
    missing = sorted(set(sent) - set(found))
    if not sent:
        note("sighup-load-delivered", "no mail was sent")
    if missing:
        note("sighup-load-delivered", "%d of %d mails not in alice's maildir after %ds:" % (
            len(missing), len(sent), WAIT), *missing[:5])
    for tok, rcvd in found.items():
        if not any("Authenticated sender: %s)" % sent[tok] in h for h in rcvd):
            note("sighup-load-delivered", "mail %s from %s: no 'Authenticated sender: %s':" % (
                tok, sent[tok], sent[tok]), *rcvd)
            break

    # ---- sighup-load-workers
    for k, (th, before, new) in enumerate(hups):
        if not new:
            note("sighup-load-workers", "SIGHUP %d (%.2fs): no new worker within %ds; workers before: %s, now: %s"
                 % (k + 1, th, WAIT, sorted(before), sorted(children(A.master_pid))))
    newest = hups[-1][2] if hups else set()
    deadline = time.monotonic() + WAIT
    now = children(A.master_pid)
    while time.monotonic() < deadline:
        now = children(A.master_pid)
        if now == newest:
            break
        time.sleep(0.05)
    if not initial:
        note("sighup-load-workers", "the master had no worker before the load")
    if now & initial:
        note("sighup-load-workers", "the workers from before the reloads still run %ds after the load: %s"
             % (WAIT, sorted(now & initial)))
    if newest and now != newest:
        note("sighup-load-workers", "workers %s, expected only the last reload's %s"
             % (sorted(now), sorted(newest)))
    if not alive(A.master_pid):
        note("sighup-load-workers", "the master (pid %d) is gone" % A.master_pid)

    # ---- sighup-load-config
    reqs = auth_requests(mark)
    vals = {}
    for r in reqs:
        v = r["h"].get("x-e2e-conf")
        vals[v] = vals.get(v, 0) + 1
    if set(vals) - {"gen1", "gen2"}:
        note("sighup-load-config", "X-E2E-Conf values sent during the load: %r" % vals)
    if not vals.get("gen2"):
        note("sighup-load-config", "no request with X-E2E-Conf: gen2 during the load: %r" % vals)
    try:
        got = fresh_sessions_conf(seed)
        for p in ("imap", "pop3", "smtp"):
            if got.get(p) != "gen2":
                note("sighup-load-config", "a %s session after the reloads sent X-E2E-Conf: %r, expected 'gen2'"
                     % (p, got.get(p)))
    except SessionError as e:
        note("sighup-load-config", "a session after the reloads failed: %s" % e)

    for n in names:
        if RESULTS[n]:
            print("FAIL e2e:%s" % n)
            for l in RESULTS[n]:
                print("    " + str(l))
            if n != "sighup-load-config":
                for l in log_excerpt(os.path.join(A.state, "postern-error.log")):
                    print("    " + l)
        else:
            print("PASS e2e:%s" % n)
    if os.environ.get("E2E_VERBOSE", "0") == "1":
        print("    %d sessions (%s, %d long) in %.1fs, %d mails, SIGHUPs at %s, workers %s -> %s, "
              "%.1fs in all" % (
                  len(sessions) - len(longs), ", ".join("%s %d" % kv for kv in kinds.items()), len(longs),
                  t_load, len(sent), ", ".join("%.2fs" % h[0] for h in hups), sorted(initial), sorted(now),
                  time.monotonic() - t_begin))
    return 0


if __name__ == "__main__":
    sys.exit(main())
