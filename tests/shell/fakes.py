"""Loopback stand-ins for the shell tests: an auth_http service and tiny
IMAP/POP3/SMTP backends that log in and then echo lines back.
python3 fakes.py AUTH_PORT IMAP_PORT POP3_PORT SMTP_PORT LOGFILE [XCLIENT_LOG]
The auth service appends every request's headers to LOGFILE; the SMTP
backend appends each XCLIENT line it gets to XCLIENT_LOG, if given."""
import http.server
import socket
import socketserver
import sys
import threading

AUTH, IMAP, POP3, SMTP = (int(p) for p in sys.argv[1:5])
LOG = sys.argv[5]
XLOG = sys.argv[6] if len(sys.argv) > 6 else None


class Auth(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        with open(LOG, "a") as f:
            f.write("".join("%s: %s\n" % kv for kv in self.headers.items()) + "--\n")
        port = {"imap": IMAP, "pop3": POP3, "smtp": SMTP}[self.headers["Auth-Protocol"]]
        self.send_response(200)
        if self.headers.get("Auth-Pass") == "s3cret":
            self.send_header("Auth-Status", "OK")
            self.send_header("Auth-Server", "127.0.0.1")
            self.send_header("Auth-Port", str(port))
        else:
            self.send_header("Auth-Status", "Invalid login or password")
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


def imap(c):
    f = c.makefile("rb")
    c.sendall(b"* OK fake imap\r\n")
    tag = f.readline().split()[0]
    c.sendall(b"+ go\r\n")
    f.readline()
    c.sendall(b"+ go\r\n")
    f.readline()
    c.sendall(tag + b" OK fake logged in\r\n")
    echo(c, f)


def pop3(c):
    f = c.makefile("rb")
    c.sendall(b"+OK fake pop3\r\n")
    f.readline()
    c.sendall(b"+OK\r\n")
    f.readline()
    c.sendall(b"+OK fake logged in\r\n")
    echo(c, f)


def smtp(c):
    f = c.makefile("rb")
    c.sendall(b"220 fake smtp\r\n")
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
