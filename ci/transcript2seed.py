#!/usr/bin/env python3
"""ci/transcript2seed.py OUTDIR T... - turn transcripts into seed inputs of
fuzz/fuzz_session.c (its header documents the byte format)."""
import os
import re
import sys

# In each table STARTTLS toward the backend (proxy_ssl starttls) comes first:
# in another variant a seed would never get to it.  Client certificates
# (ssl_verify_client) come next, by mode and by how TLS starts (implicit
# "listen ... ssl" or STARTTLS), so a seed meets the same verdict.
SMTP_VARIANTS = [
    (re.compile(r"xoauth2|oauthbearer"), 33),
    (re.compile(r"(?=.*proxy_ssl starttls;)(?=.*xclient off)"), 21),
    (re.compile(r"proxy_ssl starttls;"), 22),
    (re.compile(r"(?=.*ssl_verify_client)(?=.*listen [^;]* ssl)"), 30),
    (re.compile(r"ssl_verify_client"), 29),
    (re.compile(r"proxy_protocol;"), 16),
    (re.compile(r"proxy_protocol;"), 17),
    (re.compile(r"client_buffer|smtp_auth none;|max_errors"), 15),
    (re.compile(r"proxy_smtp_auth|starttls|resolver|smtp_capabilities"), 14),
    (re.compile(r"none|xclient off|greeting_delay|cram-md5"), 13),
]

POP3_VARIANTS = [
    (re.compile(r"xoauth2|oauthbearer"), 32),
    (re.compile(r"proxy_ssl starttls;"), 20),
    (re.compile(r"(?=.*ssl_verify_client)(?=.*listen [^;]* ssl)"), 28),
    (re.compile(r"ssl_verify_client"), 27),
    (re.compile(r"proxy_protocol;"), 18),
    (re.compile(r"starttls only"), 10),
    (re.compile(r"apop|cram-md5|external|starttls on"), 9),
    (re.compile(r"buffer|max_errors|timeout"), 11),
]

SIEVE_VARIANTS = [
    (re.compile(r"proxy_ssl starttls;|timeout"), 37),
    (re.compile(r"starttls only|proxy_pass_error_message|buffer|max_errors"), 36),
    (re.compile(r"starttls on|sieve_auth|listen [^;]* ssl"), 35),
]

VARIANTS = [
    (re.compile(r"proxy_ssl starttls;"), 19),
    (re.compile(r"(?=.*ssl_verify_client on)(?=.*listen [^;]* ssl)"), 23),
    (re.compile(r"(?=.*ssl_verify_client optional;)(?=.*listen [^;]* ssl)"), 24),
    (re.compile(r"(?=.*ssl_verify_client optional_no_ca)(?=.*listen [^;]* ssl)"), 25),
    (re.compile(r"ssl_verify_client"), 26),
    (re.compile(r"xoauth2|oauthbearer|proxy_imap_id"), 31),
    (re.compile(r"listen [^;]* ssl"), 5),
    (re.compile(r"starttls only"), 2),
    (re.compile(r"starttls on"), 1),
    (re.compile(r"client_buffer|proxy_buffer"), 4),
    (re.compile(r"proxy_pass_error_message on|auth_http_header|imap_capabilities"), 6),
    (re.compile(r"timeout"), 7),
    (re.compile(r"cram-md5|external|max_errors"), 3),
]


def unescape(t):
    out = bytearray()
    i = 0
    while i < len(t):
        c = t[i]
        if c == "\\" and i + 1 < len(t):
            i += 1
            e = t[i]
            if e == "x":
                out.append(int(t[i + 1:i + 3], 16))
                i += 2
            else:
                out += {"r": b"\r", "n": b"\n", "t": b"\t"}.get(e, e.encode())
        else:
            out += c.encode("utf-8", "surrogateescape")
        i += 1
    return bytes(out)


CERT_RESULTS = {"none": 0, "ok": 1, "bad": 2, "untrusted": 3}
CERT_FIELDS = ["verify", "subject", "issuer", "serial", "fp", "pem"]
# What the core keeps of the certificate (src/core/clientcert.c): the text
# fields in PT_CERTINFO_MAX, the escaped PEM in PT_CERTPEM_MAX.  A subject
# or PEM too long for a seed becomes "A"s of about its size, on the same
# side of its bound.
CERT_INFO_MAX = 8192
CERT_PEM_MAX = 24576
TLS_VALUE = re.compile(r'(?:"(?:[^"\\]|\\.)*"(?:\*\d+)?(?:[ \t]*(?="))?)+|[^ \t]*')
TLS_PART = re.compile(r'"((?:[^"\\]|\\.)*)"(?:\*(\d+))?')


def tls_unescape(t):
    """The TLS step's escapes (runner.c): those of unescape() and \\", any
    other backslash kept."""
    out = bytearray()
    i = 0
    while i < len(t):
        c = t[i]
        if c == "\\" and i + 1 < len(t) and t[i + 1] in "rnt\\\"x":
            e = t[i + 1]
            if e == "x":
                out.append(int(t[i + 2:i + 4], 16))
                i += 4
                continue
            out += {"r": b"\r", "n": b"\n", "t": b"\t"}.get(e, e.encode())
            i += 2
            continue
        out += c.encode("utf-8", "surrogateescape")
        i += 1
    return bytes(out)


def repeated(data, size, limit):
    """ "k n bytes" (n bytes k+1 times): data itself when it fits in 255
    bytes, else n "A"s ("A" escapes to itself) k+1 times, about size bytes
    and on its side of limit."""
    if len(data) <= 255:
        return bytes([0, len(data)]) + data
    times = min(256, -(-size // 255))
    n = min(255, -(-size // times) if size > limit else size // times)
    return bytes([times - 1, n]) + b"A" * n


def tls_step(args):
    """"TLS [proto [cipher]] [name=value ...]" -> the TLS up operation:
    "9 r c", verify, subject, issuer, serial, fingerprint, pem; the subject
    and pem as "k n bytes" (n bytes k+1 times), the others "n bytes"."""
    cert = {"cert": 0, "code": 0}
    i = 0
    while True:
        while i < len(args) and args[i] in " \t":
            i += 1
        if i >= len(args):
            break
        m = re.match(r"([A-Za-z]+)=", args[i:])
        if not m:
            i += len(re.match(r"[^ \t]*", args[i:]).group(0))    # proto, cipher
            continue
        name = m.group(1)
        i += m.end()
        v = TLS_VALUE.match(args, i).group(0)
        i += len(v)
        if name == "cert":
            cert["cert"] = CERT_RESULTS[v]
        elif name == "code":
            cert["code"] = int(v) & 0xFF
        elif v.startswith('"'):
            cert[name] = b"".join(tls_unescape(t) * int(n or 1) for t, n in TLS_PART.findall(v))
        else:
            cert[name] = tls_unescape(v)
    out = bytearray([9, cert["cert"], cert["code"]])
    other = sum(len(cert.get(name, b"")[:255]) for name in ("verify", "issuer", "serial", "fp"))
    for name in CERT_FIELDS[:5]:
        data = cert.get(name, b"")
        if name == "subject":
            out += repeated(data, len(data), CERT_INFO_MAX - other)
        else:
            out += bytes([len(data[:255])]) + data[:255]
    pem = cert.get("pem", b"")
    out += repeated(pem, sum(3 if b <= 0x20 or b == 0x25 else 1 for b in pem), CERT_PEM_MAX)
    return out


def chunks(op, data):
    out = bytearray()
    for k in range(0, max(len(data), 1), 255):
        part = data[k:k + 255]
        out += bytes([op, len(part)]) + part
    return out


def convert(text):
    config = " ".join(l[1:] for l in text.splitlines() if l.startswith("@"))
    variant = 0
    table = VARIANTS
    if "protocol pop3" in config:
        variant, table = 8, POP3_VARIANTS
    elif "protocol smtp" in config:
        variant, table = 12, SMTP_VARIANTS
    elif "protocol sieve" in config:
        variant, table = 34, SIEVE_VARIANTS
    for rx, v in table:
        if rx.search(config):
            variant = v
            break
    out = bytearray([variant])
    auth_ended = connected = False
    for line in text.splitlines():
        if not line or line[0] in "#@":
            continue
        if line.startswith("C:raw "):
            out += chunks(0, unescape(line[6:]))
        elif line == "C:EOF":
            out.append(10)
        elif line.startswith("C:"):
            out += chunks(0, unescape(line[3:]) + b"\r\n")
        elif line.startswith("A<"):
            body = line[3:] if line[2:3] == " " else line[2:]
            out += chunks(1, unescape(body) + b"\r\n")
            if body == "":
                # the runner's rule: after the empty line the auth server
                # closes (AUTH_DONE), and only then does the core decide
                out.append(2)
                auth_ended = True
        elif line == "A: done":
            out.append(2)
            auth_ended = True
        elif line == "A: fail":
            out.append(3)
        elif line == "B: TLS":
            out.append(13)
        elif line == "B: TLS fail":
            out.append(6)
        elif line.startswith("B<") or line == "B:EOF" or line == "B: refused":
            if auth_ended and not connected:
                connected = True
                if line == "B: refused":
                    out.append(6)
                    continue
                out.append(5)
            if line == "B:EOF":
                out.append(7)
            elif line.startswith("B<raw "):
                out += chunks(4, unescape(line[6:]))
            elif line.startswith("B<"):
                out += chunks(4, unescape(line[3:]) + b"\r\n")
        elif line.startswith("T: +"):
            steps = -(-int(line[4:]) // 64)
            while steps > 0:
                out += bytes([8, min(steps, 255)])
                steps -= 255
        elif line == "TLS" or line.startswith("TLS "):
            out += tls_step(line[3:])
        elif line.startswith("R: "):
            out += chunks(12, unescape(line[3:]))
        elif line.startswith("LIMIT: conn"):
            out.append(14)
        elif line == "LIMIT: login":
            out.append(15)
    return bytes(out)


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            seed = convert(f.read())
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(seed)


if __name__ == "__main__":
    main()
