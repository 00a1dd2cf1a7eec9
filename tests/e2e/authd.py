#!/usr/bin/env python3
"""tests/e2e/authd.py - the auth_http service of the end-to-end tests.

    authd.py --port 21900 --log FILE --imap 21143 --pop3 21110 --smtp 21025
             [--imaps 21993 --pop3s 21995] [--sieve 21190]

Answers nginx's auth_http protocol (shared/ref/nginx-mail.md section 2):

  * Auth-User and Auth-Pass arrive escaped (bytes 0x00-0x20 and '%' as %XX);
    they are URL-decoded before the check.
  * plain (and SASL LOGIN, which is reported as plain): the password is compared.
  * cram-md5: Auth-Pass is hex(HMAC-MD5(password, Auth-Salt)); apop: Auth-Pass
    is hex(MD5(Auth-Salt + password)).  The salt is the challenge as issued,
    angle brackets included.  On success the plain password goes back in
    Auth-Pass, which the proxy needs for the backend login.
  * none (smtp_auth none, SMTP only): no user and no password to check; the
    mail is let through, and no Auth-Pass goes back.
  * xoauth2, oauthbearer (postern's and freenginx's): Auth-Pass is the bearer
    token.  alice's tokens are TOKENS["alice"] and any token starting with
    "e2e-long-alice-" (long ones, for the client buffer checks); on success
    Auth-User and Auth-Pass name alice and her password, which the backend
    login needs.  A bad token gets "Invalid token" with an Auth-Error-SASL
    header: base64 of RFC 7628 section 3.2.2's JSON.
  * Success routes by Auth-Protocol to 127.0.0.1 and the backend port given for
    that protocol; a request with the header "X-E2E-Backend: tls" (sent by
    the servers with "proxy_ssl on", auth_http_header) goes to the
    implicit-TLS port given for it (--imaps, --pop3s) instead.  A bad login
    gets "Auth-Status: Invalid login or password" and no Auth-Wait, so the
    proxy sends the text and closes the session; the password "please-wait"
    gets Auth-Wait: 1, so the client may retry.

Every request is appended to the log file as one JSON line:
    {"method": "GET", "path": "/auth", "headers": [["Host", "..."], ...],
     "result": "OK" | "<error text>"}
with the header values exactly as received (still escaped), in their order,
so the tests can assert what the proxy sent.
"""

import argparse
import base64
import hashlib
import hmac
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USERS = {
    "alice": "alice-pw",
    "bob": "b ob%pw",
}

BAD = "Invalid login or password"
TOKENS = {"alice": "e2e-token-alice"}
BAD_TOKEN = "Invalid token"
ERROR_SASL = base64.b64encode(
    b'{"status":"invalid_token","schemes":"bearer","scope":"mail"}').decode()


def check(method, user, passwd, salt):
    """The plain password on success, None on a bad login."""
    pw = USERS.get(user)
    if pw is None:
        return None
    if method in ("plain", "login"):
        ok = hmac.compare_digest(passwd.encode(), pw.encode())
    elif method == "cram-md5":
        want = hmac.new(pw.encode(), salt.encode(), hashlib.md5).hexdigest()
        ok = hmac.compare_digest(passwd.lower().encode(), want.encode())
    elif method in ("xoauth2", "oauthbearer"):
        tok = TOKENS.get(user, "")
        ok = (tok != "" and hmac.compare_digest(passwd.encode(), tok.encode())) or \
            passwd.startswith("e2e-long-%s-" % user)
    elif method == "apop":
        want = hashlib.md5((salt + pw).encode()).hexdigest()
        ok = hmac.compare_digest(passwd.lower().encode(), want.encode())
    else:
        ok = False
    return pw if ok else None


class Handler(BaseHTTPRequestHandler):
    # An HTTP/1.1 request (postern's auth_http_keepalive) keeps its
    # connection; an HTTP/1.0 one (nginx) gets an HTTP/1.0 reply and a close.
    protocol_version = "HTTP/1.1"
    server_version = "postern-e2e-authd"
    sys_version = ""

    def do_GET(self):
        if self.request_version != "HTTP/1.1":
            self.protocol_version = "HTTP/1.0"
        h = self.headers
        method = (h.get("Auth-Method") or "").strip().lower()
        proto = (h.get("Auth-Protocol") or "").strip().lower()
        user = urllib.parse.unquote(h.get("Auth-User") or "", errors="surrogateescape")
        passwd = urllib.parse.unquote(h.get("Auth-Pass") or "", errors="surrogateescape")
        salt = (h.get("Auth-Salt") or "").strip()

        pw = check(method, user, passwd, salt)
        port = self.server.ports.get(proto)
        if (h.get("X-E2E-Backend") or "").strip().lower() == "tls":
            port = self.server.tls_ports.get(proto)
        if method == "none" and proto == "smtp":
            result = "OK"
            reply = [("Auth-Status", "OK"),
                     ("Auth-Server", "127.0.0.1"),
                     ("Auth-Port", str(port))]
        elif pw is not None and port is not None:
            result = "OK"
            reply = [("Auth-Status", "OK"),
                     ("Auth-Server", "127.0.0.1"),
                     ("Auth-Port", str(port)),
                     # An escaped password would be sent to the backend as is:
                     # nginx does not unescape Auth-Pass in the reply.
                     ("Auth-Pass", pw)]
            if method in ("xoauth2", "oauthbearer"):
                reply.append(("Auth-User", user))
        elif pw is not None:
            result = "unknown protocol %r" % proto
            reply = [("Auth-Status", "Temporary server problem")]
        elif method in ("xoauth2", "oauthbearer"):
            result = BAD_TOKEN
            reply = [("Auth-Status", BAD_TOKEN), ("Auth-Error-SASL", ERROR_SASL)]
        elif passwd == "please-wait":
            # nginx's retry protocol: the error after Auth-Wait seconds, and
            # the client may try again on the same connection
            result = BAD
            reply = [("Auth-Status", BAD), ("Auth-Wait", "1")]
        else:
            result = BAD
            reply = [("Auth-Status", BAD)]

        rec = {"method": self.command, "path": self.path,
               "headers": [[k, v] for k, v in h.items()], "result": result}
        line = json.dumps(rec) + "\n"
        with self.server.log_lock:
            with open(self.server.log_path, "a") as f:
                f.write(line)

        self.send_response(200)
        for k, v in reply:
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, fmt, *args):  # quiet: the JSON log is the record
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=21900)
    ap.add_argument("--log", required=True)
    ap.add_argument("--imap", type=int, default=21143)
    ap.add_argument("--pop3", type=int, default=21110)
    ap.add_argument("--smtp", type=int, default=21025)
    ap.add_argument("--sieve", type=int, help="ManageSieve (Auth-Protocol: sieve)")
    ap.add_argument("--imaps", type=int, help="IMAP with implicit TLS (X-E2E-Backend: tls)")
    ap.add_argument("--pop3s", type=int, help="POP3 with implicit TLS (X-E2E-Backend: tls)")
    a = ap.parse_args()

    ThreadingHTTPServer.allow_reuse_address = True
    # The default listen backlog of 5 drops SYNs when many sessions log in at
    # once, and the proxy's request then waits for the retransmission (1 s, 3 s).
    ThreadingHTTPServer.request_queue_size = 128
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.log_path = a.log
    srv.log_lock = threading.Lock()
    srv.ports = {"imap": a.imap, "pop3": a.pop3, "smtp": a.smtp}
    if a.sieve:
        srv.ports["sieve"] = a.sieve
    srv.tls_ports = {k: v for k, v in (("imap", a.imaps), ("pop3", a.pop3s)) if v}
    print("authd: listening on 127.0.0.1:%d" % a.port, file=sys.stderr, flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
