"""Loopback stand-ins for the shell tests: an auth_http service and tiny
IMAP/POP3/SMTP backends that log in and then echo lines back.
python3 fakes.py AUTH_PORT IMAP_PORT POP3_PORT SMTP_PORT LOGFILE [XCLIENT_LOG]
The auth service appends every request's headers to LOGFILE; the SMTP
backend appends each XCLIENT line it gets to XCLIENT_LOG, if given.
FAKES_TLS=on (implicit) or starttls makes the backends speak TLS with
FAKES_CERT and FAKES_KEY (the name each client sends by SNI, or "-",
goes to LOGFILE.sni); under starttls they want STARTTLS (STLS) first.
FAKES_CIPHERS_IMAP (_POP3, _SMTP), an OpenSSL cipher list, is all that
backend accepts; each handshake's "<protocol> <cipher>" goes to
LOGFILE.cipher.  The auth service answers "Auth-Status: WAIT" to the
first two requests for user "wendy" (postern asks again at once)."""
import http.server
import os
import socket
import ssl
import socketserver
import sys
import threading

AUTH, IMAP, POP3, SMTP = (int(p) for p in sys.argv[1:5])
LOG = sys.argv[5]
XLOG = sys.argv[6] if len(sys.argv) > 6 else None
TLS = os.environ.get("FAKES_TLS")
CTX = {}
if TLS:
    def _sni(sock, name, ctx):
        with open(LOG + ".sni", "a") as f:
            f.write("%s\n" % (name or "-"))      # "-": no SNI

    for proto in ("imap", "pop3", "smtp"):
        CTX[proto] = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        CTX[proto].load_cert_chain(os.environ["FAKES_CERT"], os.environ["FAKES_KEY"])
        CTX[proto].sni_callback = _sni
        if os.environ.get("FAKES_CIPHERS_" + proto.upper()):
            CTX[proto].set_ciphers(os.environ["FAKES_CIPHERS_" + proto.upper()])


class Auth(http.server.BaseHTTPRequestHandler):
    # HTTP/1.1 keeps a connection open when the request is HTTP/1.1
    # (auth_http_keepalive); an HTTP/1.0 request's is closed after the reply.
    # LOGFILE.conns gets a line per connection.
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        with open(LOG + ".conns", "a") as f:
            f.write("%s\n" % (self.client_address,))

    waits = {"wendy": 2}

    def do_GET(self):
        with open(LOG, "a") as f:
            f.write("".join("%s: %s\n" % kv for kv in self.headers.items()) + "--\n")
        port = {"imap": IMAP, "pop3": POP3, "smtp": SMTP}[self.headers["Auth-Protocol"]]
        self.send_response(200)
        if Auth.waits.get(self.headers.get("Auth-User"), 0) > 0:
            Auth.waits[self.headers["Auth-User"]] -= 1
            self.send_header("Auth-Status", "WAIT")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        # EXTERNAL: the verified certificate is the credential; the
        # backend gets the password from here
        external = (self.headers.get("Auth-Method") == "external" and
                    self.headers.get("Auth-SSL-Verify") == "SUCCESS")
        if self.headers.get("Auth-Pass") == "s3cret" or external:
            self.send_header("Auth-Status", "OK")
            self.send_header("Auth-Server", "127.0.0.1")
            self.send_header("Auth-Port", str(port))
            if external:
                self.send_header("Auth-Pass", "s3cret")
        else:
            self.send_header("Auth-Status", "Invalid login or password")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *a):
        pass


def serve(port, handler):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(16)
    while True:
        c, _ = s.accept()
        threading.Thread(target=handler, args=(c,), daemon=True).start()


def echo(c, f):
    for line in f:
        c.sendall(b"ECHO " + line)
    f.close()
    c.close()      # the client's end passed on: close ours, as a real server does


def tls_wrap(c, proto):
    c = CTX[proto].wrap_socket(c, server_side=True)
    with open(LOG + ".cipher", "a") as f:
        f.write("%s %s\n" % (proto, c.cipher()[0]))
    return c


def starttls(c, f, want, ok, proto):
    """Under FAKES_TLS=starttls: the command `want` first, then TLS."""
    line = f.readline()
    if not line.upper().rstrip(b"\r\n").endswith(want):
        c.sendall(b"-ERR STARTTLS first\r\n")
        raise SystemExit
    c.sendall(ok.replace(b"TAG", line.split()[0]))
    c = tls_wrap(c, proto)
    return c, c.makefile("rb")


def imap(c):
    if TLS == "on":
        c = tls_wrap(c, "imap")
    f = c.makefile("rb")
    c.sendall(b"* OK fake imap\r\n")
    if TLS == "starttls":
        c, f = starttls(c, f, b"STARTTLS", b"TAG OK begin TLS\r\n", "imap")
    tag = f.readline().split()[0]
    c.sendall(b"+ go\r\n")
    f.readline()
    c.sendall(b"+ go\r\n")
    f.readline()
    c.sendall(tag + b" OK fake logged in\r\n")
    echo(c, f)


def pop3(c):
    if TLS == "on":
        c = tls_wrap(c, "pop3")
    f = c.makefile("rb")
    c.sendall(b"+OK fake pop3\r\n")
    if TLS == "starttls":
        c, f = starttls(c, f, b"STLS", b"+OK begin TLS\r\n", "pop3")
    f.readline()
    c.sendall(b"+OK\r\n")
    f.readline()
    c.sendall(b"+OK fake logged in\r\n")
    echo(c, f)


def smtp(c):
    if TLS == "on":
        c = tls_wrap(c, "smtp")
    f = c.makefile("rb")
    c.sendall(b"220 fake smtp\r\n")
    if TLS == "starttls":
        f.readline()
        c.sendall(b"250-fake\r\n250 STARTTLS\r\n")     # XCLIENT only inside TLS
        c, f = starttls(c, f, b"STARTTLS", b"220 go ahead\r\n", "smtp")
    f.readline()
    c.sendall(b"250-fake\r\n250 XCLIENT ADDR LOGIN NAME\r\n")
    line = f.readline()
    if XLOG:
        with open(XLOG, "ab") as x:
            x.write(line.rstrip(b"\r\n") + b"\n")
    c.sendall(b"220 fake xclient ok\r\n")
    f.readline()    # the client's EHLO, replayed
    c.sendall(b"250 fake\r\n")
    echo(c, f)


class UnixAuth(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """The same auth service on a unix socket (auth_http unix:path:/uri)."""
    daemon_threads = True


class UnixAuthHandler(Auth):
    def address_string(self):
        return "unix"


for port, h in ((IMAP, imap), (POP3, pop3), (SMTP, smtp)):
    threading.Thread(target=serve, args=(port, h), daemon=True).start()
AUTH_UNIX = LOG + ".sock"
threading.Thread(target=UnixAuth(AUTH_UNIX, UnixAuthHandler).serve_forever, daemon=True).start()
http.server.ThreadingHTTPServer(("127.0.0.1", AUTH), Auth).serve_forever()
