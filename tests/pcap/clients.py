#!/usr/bin/env python3
"""tests/pcap/clients.py SCENARIO PORT - one client session for a capture of
tests/pcap/make-captures.sh, against postern on 127.0.0.1:PORT.

Real clients (Python's imaplib, poplib, smtplib) and raw byte streams (the
hostile ones: overlong lines, bare LF, NULs, literals, junk, broken base64,
pipelining after STARTTLS, invalid commands up to max_errors).  With KEYLOG
set in the environment, a TLS session writes its secrets there (NSS key log
format) so that ci/pcap2transcript can decrypt what follows STARTTLS.
Users (tests/e2e/authd.py): alice/alice-pw, bob/"b ob%pw"; the password
"please-wait" gets Auth-Wait.  Every read is bounded (TIMEOUT seconds).

Exits 0 when the session went as the scenario expects, 1 (with a message)
when it did not: a capture of the wrong session is not kept.
"""

import base64
import hashlib
import hmac
import imaplib
import os
import poplib
import smtplib
import socket
import ssl
import sys

TIMEOUT = 10
HOST = "127.0.0.1"
HERE = os.path.dirname(os.path.abspath(__file__))
CA = os.path.join(HERE, "..", "certs", "ca.pem")
TLS_NAME = "backend.example.test"   # postern presents tests/certs/backend.pem
MSG = (b"From: alice@example.test\r\nTo: bob@example.test\r\nSubject: capture\r\n\r\n"
       b"sent through postern for tests/pcap\r\n")

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__.replace("_", "-")] = fn
    return fn


def tls_context(by_address=False):
    """The test CA's context; by_address: the library names the server by its
    address (imaplib, poplib), which the certificate does not hold."""
    ctx = ssl.create_default_context(cafile=CA)
    ctx.check_hostname = not by_address
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    if os.environ.get("KEYLOG"):
        ctx.keylog_filename = os.environ["KEYLOG"]
    return ctx


def check(cond, what):
    if not cond:
        raise SystemExit("clients.py: %s" % what)


class Raw:
    """A socket with line reads; what it sends goes out in one write each."""

    def __init__(self, port):
        self.s = socket.create_connection((HOST, port), timeout=TIMEOUT)
        self.buf = b""

    def send(self, data):
        self.s.sendall(data)

    def line(self):
        while b"\n" not in self.buf:
            try:
                d = self.s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                d = b""
            if not d:
                ln, self.buf = self.buf, b""
                return ln
            self.buf += d
        i = self.buf.index(b"\n") + 1
        ln, self.buf = self.buf[:i], self.buf[i:]
        return ln

    def expect(self, prefix):
        ln = self.line()
        check(ln.startswith(prefix), "wanted %r, got %r" % (prefix, ln))
        return ln

    def until(self, prefix):
        """Lines up to and including the one that starts with prefix."""
        while True:
            ln = self.line()
            check(ln, "connection closed before %r" % prefix)
            if ln.startswith(prefix):
                return ln

    def closed(self):
        """Read to the end; the peer must close (within TIMEOUT)."""
        rest = self.buf
        self.buf = b""
        while True:
            try:
                d = self.s.recv(65536)
            except ConnectionResetError:
                d = b""
            except socket.timeout:
                raise SystemExit("clients.py: the connection stayed open")
            if not d:
                return rest
            rest += d

    def starttls(self):
        self.s = tls_context().wrap_socket(self.s, server_hostname=TLS_NAME)

    def close(self):
        self.s.close()


# ---- IMAP: imaplib ----------------------------------------------------------------------

def imap(port):
    return imaplib.IMAP4(HOST, port, timeout=TIMEOUT)


@scenario
def imaplib_login(port):
    m = imap(port)
    m.login("alice", "alice-pw")
    m.select("INBOX")
    m.logout()


@scenario
def imaplib_login_quoted(port):
    m = imap(port)
    m.login("bob", "b ob%pw")           # a quoted string: a space and a '%'
    m.logout()


@scenario
def imaplib_authenticate_plain(port):
    m = imap(port)
    m.authenticate("PLAIN", lambda _: b"\0alice\0alice-pw")
    m.logout()


@scenario
def imaplib_cram_md5(port):
    m = imap(port)
    m.login_cram_md5("alice", "alice-pw")
    m.logout()


@scenario
def imaplib_bad_password(port):
    m = imap(port)
    try:
        m.login("alice", "wrong")
    except imaplib.IMAP4.error:
        return
    raise SystemExit("clients.py: a wrong password logged in")


@scenario
def imaplib_auth_wait(port):
    m = imap(port)
    try:
        m.login("alice", "please-wait")
        raise SystemExit("clients.py: please-wait logged in")
    except imaplib.IMAP4.error:
        pass
    m.login("alice", "alice-pw")        # Auth-Wait: the client may try again
    m.logout()


@scenario
def imaplib_backend_down(port):
    m = imap(port)
    try:
        m.login("alice", "alice-pw")
    except (imaplib.IMAP4.error, imaplib.IMAP4.abort, OSError):
        return
    raise SystemExit("clients.py: logged in to a backend that is not there")


@scenario
def imaplib_ssl(port):
    m = imaplib.IMAP4_SSL(HOST, port, ssl_context=tls_context(by_address=True), timeout=TIMEOUT)
    m.login("alice", "alice-pw")
    m.logout()


@scenario
def imaplib_starttls(port):
    m = imap(port)
    m.starttls(ssl_context=tls_context(by_address=True))
    m.login("alice", "alice-pw")
    m.select("INBOX")
    m.logout()


# ---- IMAP: raw ----------------------------------------------------------------------------

@scenario
def imap_raw_pipelined(port):
    r = Raw(port)
    r.expect(b"* OK")
    r.send(b"a1 CAPABILITY\r\na2 NOOP\r\na3 LOGIN alice alice-pw\r\n")
    r.until(b"a1 OK")
    r.until(b"a2 OK")
    r.until(b"a3 OK")
    r.send(b"a4 LOGOUT\r\n")
    r.until(b"a4 OK")


@scenario
def imap_raw_bare_lf(port):
    r = Raw(port)
    r.expect(b"* OK")
    r.send(b"a1 CAPABILITY\n")
    r.until(b"a1 OK")
    r.send(b"a2 LOGIN alice alice-pw\n")
    r.until(b"a2 OK")
    r.send(b"a3 LOGOUT\r\n")
    r.until(b"a3 OK")


@scenario
def imap_raw_overlong(port):
    r = Raw(port)
    r.expect(b"* OK")
    r.send(b"a1 LOGIN alice " + b"x" * 5000 + b"\r\n")    # imap_client_buffer: 4k
    r.expect(b"a1 BAD")
    r.closed()


@scenario
def imap_raw_nul(port):
    r = Raw(port)
    r.expect(b"* OK")
    r.send(b"a1 LOGIN alice\0 alice-pw\r\n")
    r.expect(b"a1 BAD")
    r.send(b"a2 NO\0OP\r\n")
    r.expect(b"a2 BAD")
    r.send(b"\0\0\0\r\n")
    r.line()
    r.send(b"a4 LOGOUT\r\n")
    r.until(b"a4 OK")
    r.closed()


@scenario
def imap_raw_literal_login(port):
    r = Raw(port)
    r.expect(b"* OK")
    r.send(b"a1 LOGIN {5}\r\n")
    r.expect(b"+ ")
    r.send(b"alice {8}\r\n")
    r.expect(b"+ ")
    r.send(b"alice-pw\r\n")
    r.until(b"a1 OK")
    r.send(b"a2 LOGOUT\r\n")
    r.until(b"a2 OK")


@scenario
def imap_raw_literal_abuse(port):
    r = Raw(port)
    r.expect(b"* OK")
    r.send(b"a1 LOGIN {99999999999}\r\n")         # more than any buffer
    r.expect(b"a1 BAD")
    r.send(b"a2 LOGIN {5}\r\n")
    r.expect(b"+ ")
    r.send(b"alice {4294967296}\r\n")              # a literal of 4 GiB
    r.expect(b"a2 BAD")
    r.send(b"a3 SELECT {5+}\r\nINBOX\r\n")        # invalid, ending in a non-synchronizing literal
    r.expect(b"a3 BAD")
    r.closed()                                      # ... closes: INBOX never runs


@scenario
def imap_raw_junk_first(port):
    r = Raw(port)
    # A TLS ClientHello's first bytes and an HTTP request, before the greeting
    # is read (a cross-protocol client, ALPACA-style): max_errors (5) closes.
    r.send(b"\x16\x03\x01\x00\x2a\x01\x00\x00\x26\x03\x03GET / HTTP/1.1\r\nHost: mail.example.test\r\n"
           b"User-Agent: x\r\nAccept: */*\r\nConnection: close\r\n\r\n")
    r.closed()


@scenario
def imap_raw_max_errors(port):
    r = Raw(port)
    r.expect(b"* OK")
    for i in range(1, 11):
        r.send(b"e%d XYZZY\r\n" % i)
        if not r.line():
            return
    raise SystemExit("clients.py: 10 invalid commands and still open")


@scenario
def imap_raw_bad_base64(port):
    r = Raw(port)
    r.expect(b"* OK")
    r.send(b"a1 AUTHENTICATE PLAIN\r\n")
    r.expect(b"+")
    r.send(b"!!!not-base64!!!\r\n")
    r.expect(b"a1 ")
    r.send(b"a2 AUTHENTICATE PLAIN AGFsaWNlAGFs=aWNlLXB3\r\n")
    r.expect(b"a2 ")
    r.send(b"a3 AUTHENTICATE PLAIN\r\n")
    r.expect(b"+")
    r.send(b"*\r\n")                            # the client cancels
    r.expect(b"a3 ")
    r.send(b"a4 LOGOUT\r\n")
    r.until(b"a4 OK")
    r.closed()


@scenario
def imap_raw_starttls_injection(port):
    r = Raw(port)
    r.expect(b"* OK")
    # CVE-2014-3556: a command pipelined after STARTTLS in the same packet
    # must not run inside TLS.
    r.send(b"a1 STARTTLS\r\na2 LOGIN mallory evil\r\n")
    r.expect(b"a1 OK")
    r.starttls()
    r.send(b"a3 NOOP\r\n")
    r.expect(b"a3 OK")                          # not a2's reply
    r.send(b"a4 LOGIN alice alice-pw\r\n")
    r.until(b"a4 OK")
    r.send(b"a5 LOGOUT\r\n")
    r.until(b"a5 OK")


# ---- POP3 ---------------------------------------------------------------------------------

def pop3(port):
    return poplib.POP3(HOST, port, timeout=TIMEOUT)


@scenario
def poplib_user_pass(port):
    p = pop3(port)
    p.user("alice")
    p.pass_("alice-pw")
    p.stat()
    p.quit()


@scenario
def poplib_apop(port):
    p = pop3(port)
    p.apop("alice", "alice-pw")
    p.stat()
    p.quit()


@scenario
def poplib_bad_password(port):
    p = pop3(port)
    p.user("bob")
    try:
        p.pass_("wrong")
    except poplib.error_proto:
        return
    raise SystemExit("clients.py: a wrong password logged in")


@scenario
def poplib_stls(port):
    p = pop3(port)
    p.stls(context=tls_context(by_address=True))
    p.user("alice")
    p.pass_("alice-pw")
    p.stat()
    p.quit()


@scenario
def pop3_raw_auth_plain(port):
    r = Raw(port)
    r.expect(b"+OK")
    r.send(b"CAPA\r\n")
    r.until(b".")
    r.send(b"AUTH PLAIN " + base64.b64encode(b"\0bob\0b ob%pw") + b"\r\n")
    r.expect(b"+OK")
    r.send(b"QUIT\r\n")
    r.expect(b"+OK")


@scenario
def pop3_raw_auth_login(port):
    r = Raw(port)
    r.expect(b"+OK")
    r.send(b"AUTH LOGIN\r\n")
    r.expect(b"+ ")
    r.send(base64.b64encode(b"alice") + b"\r\n")
    r.expect(b"+ ")
    r.send(base64.b64encode(b"alice-pw") + b"\r\n")
    r.expect(b"+OK")
    r.send(b"QUIT\r\n")
    r.expect(b"+OK")


@scenario
def pop3_raw_cram_md5(port):
    r = Raw(port)
    r.expect(b"+OK")
    r.send(b"AUTH CRAM-MD5\r\n")
    salt = base64.b64decode(r.expect(b"+ ")[2:].strip())
    digest = hmac.new(b"alice-pw", salt, hashlib.md5).hexdigest().encode()
    r.send(base64.b64encode(b"alice " + digest) + b"\r\n")
    r.expect(b"+OK")
    r.send(b"QUIT\r\n")
    r.expect(b"+OK")


@scenario
def pop3_raw_overlong(port):
    r = Raw(port)
    r.expect(b"+OK")
    r.send(b"USER alice\r\n")
    r.expect(b"+OK")
    r.send(b"PASS " + b"y" * 200 + b"\r\n")         # the POP3 buffer: 128 bytes
    r.expect(b"-ERR")
    r.closed()


@scenario
def pop3_raw_max_errors(port):
    r = Raw(port)
    r.expect(b"+OK")
    r.send(b"USER\r\n")
    r.line()
    r.send(b"PASS alice-pw\r\n")                    # PASS before USER
    r.line()
    r.send(b"RETR 1\r\n")
    r.line()
    r.send(b"APOP alice\r\n")
    r.line()
    for i in range(10):
        r.send(b"HELO pop3\r\n")
        if not r.line():
            return
    raise SystemExit("clients.py: 14 invalid commands and still open")


@scenario
def pop3_raw_stls_injection(port):
    r = Raw(port)
    r.expect(b"+OK")
    r.send(b"STLS\r\nUSER mallory\r\nPASS evil\r\n")
    r.expect(b"+OK")
    r.starttls()
    r.send(b"PASS evil\r\n")
    r.expect(b"-ERR")                               # mallory's USER did not run: PASS comes first
    r.send(b"USER alice\r\n")
    r.expect(b"+OK")
    r.send(b"PASS alice-pw\r\n")
    r.expect(b"+OK")
    r.send(b"QUIT\r\n")
    r.expect(b"+OK")


# ---- SMTP ---------------------------------------------------------------------------------

def smtp(port):
    return smtplib.SMTP(HOST, port, local_hostname="client.example.test", timeout=TIMEOUT)


@scenario
def smtplib_plain(port):
    s = smtp(port)
    s.ehlo()
    s.user, s.password = "alice", "alice-pw"
    s.auth("PLAIN", s.auth_plain, initial_response_ok=True)
    s.sendmail("alice@example.test", ["bob@example.test"], MSG)
    s.quit()


@scenario
def smtplib_login(port):
    s = smtp(port)
    s.ehlo()
    s.user, s.password = "alice", "alice-pw"
    s.auth("LOGIN", s.auth_login, initial_response_ok=False)
    s.sendmail("alice@example.test", ["bob@example.test"], MSG)
    s.quit()


@scenario
def smtplib_cram_md5(port):
    s = smtp(port)
    s.login("alice", "alice-pw")        # smtplib's first choice: CRAM-MD5
    s.sendmail("alice@example.test", ["bob@example.test"], MSG)
    s.quit()


@scenario
def smtplib_bad_password(port):
    s = smtp(port)
    s.ehlo()
    s.user, s.password = "bob", "wrong"
    try:
        s.auth("PLAIN", s.auth_plain)
    except smtplib.SMTPAuthenticationError:
        return
    raise SystemExit("clients.py: a wrong password logged in")


@scenario
def smtplib_none(port):
    s = smtp(port)
    s.ehlo()
    s.sendmail("alice@example.test", ["bob@example.test"], MSG)
    s.quit()


@scenario
def smtplib_ssl(port):
    s = smtplib.SMTP_SSL(HOST, port, local_hostname="client.example.test", timeout=TIMEOUT,
                         context=tls_context(by_address=True))
    s.login("alice", "alice-pw")
    s.sendmail("alice@example.test", ["bob@example.test"], MSG)
    s.quit()


@scenario
def smtp_raw_auth_required(port):
    r = Raw(port)
    r.expect(b"220")
    r.send(b"HELO client.example.test\r\n")
    r.expect(b"250")
    r.send(b"MAIL FROM:<alice@example.test>\r\n")   # no AUTH yet
    r.expect(b"5")
    r.send(b"RCPT TO:<bob@example.test>\r\n")
    r.expect(b"5")
    r.send(b"AUTH PLAIN " + base64.b64encode(b"\0alice\0alice-pw") + b"\r\n")
    r.expect(b"235")
    r.send(b"QUIT\r\n")
    r.expect(b"221")


@scenario
def smtp_raw_bad_base64(port):
    r = Raw(port)
    r.expect(b"220")
    r.send(b"EHLO client.example.test\r\n")
    r.until(b"250 ")
    r.send(b"AUTH PLAIN !!!not-base64!!!\r\n")
    r.expect(b"5")
    r.send(b"AUTH LOGIN\r\n")
    r.expect(b"334 ")
    r.send(b"YWxp=Y2U\r\n")
    r.expect(b"5")
    r.send(b"AUTH PLAIN\r\n")
    r.expect(b"334")
    r.send(b"*\r\n")                                 # the client cancels
    r.expect(b"5")
    r.send(b"QUIT\r\n")
    r.expect(b"221")
    r.closed()


@scenario
def smtp_raw_max_errors(port):
    r = Raw(port)
    r.expect(b"220")
    for i in range(10):
        r.send(b"XYZZY %d\r\n" % i)
        if not r.line():
            return
    raise SystemExit("clients.py: 10 invalid commands and still open")


@scenario
def smtp_raw_overlong(port):
    r = Raw(port)
    r.expect(b"220")
    r.send(b"EHLO " + b"h" * 5000 + b"\r\n")         # smtp_client_buffer: 4k
    r.expect(b"5")
    r.closed()


@scenario
def smtp_raw_nul(port):
    r = Raw(port)
    r.expect(b"220")
    r.send(b"EHLO client\0.example.test\r\n")
    r.line()
    r.send(b"HELO\0\r\n")
    r.line()
    r.send(b"AUTH PLAIN " + base64.b64encode(b"\0alice\0alice-pw\r\nRSET") + b"\r\n")
    r.line()
    r.send(b"QUIT\r\n")
    r.expect(b"221")
    r.closed()


@scenario
def smtp_raw_early_talker(port):
    r = Raw(port)
    r.send(b"EHLO early.example.test\r\n")          # before smtp_greeting_delay is over
    r.closed()


@scenario
def smtp_raw_starttls_injection(port):
    r = Raw(port)
    r.expect(b"220")
    r.send(b"EHLO client.example.test\r\n")
    r.until(b"250 ")
    r.send(b"STARTTLS\r\nAUTH PLAIN " + base64.b64encode(b"\0mallory\0evil") + b"\r\n")
    r.expect(b"220")
    r.starttls()
    r.send(b"MAIL FROM:<alice@example.test>\r\n")
    r.expect(b"5")                                  # not logged in: the injected AUTH did not run
    r.send(b"EHLO client.example.test\r\n")
    r.until(b"250 ")
    r.send(b"AUTH PLAIN " + base64.b64encode(b"\0alice\0alice-pw") + b"\r\n")
    r.expect(b"235")
    r.send(b"QUIT\r\n")
    r.expect(b"221")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in SCENARIOS:
        print("usage: clients.py SCENARIO PORT\nscenarios: " + " ".join(sorted(SCENARIOS)), file=sys.stderr)
        return 2
    SCENARIOS[sys.argv[1]](int(sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
