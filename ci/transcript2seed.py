#!/usr/bin/env python3
"""ci/transcript2seed.py OUTDIR T... - turn transcripts into seed inputs of
fuzz/fuzz_session.c (its header documents the byte format)."""
import os
import re
import sys

# In each table STARTTLS toward the backend (proxy_ssl starttls) comes first:
# in another variant a seed would never get to it.
SMTP_VARIANTS = [
    (re.compile(r"(?=.*proxy_ssl starttls;)(?=.*xclient off)"), 21),
    (re.compile(r"proxy_ssl starttls;"), 22),
    (re.compile(r"proxy_protocol;"), 16),
    (re.compile(r"proxy_protocol;"), 17),
    (re.compile(r"client_buffer|smtp_auth none;|max_errors"), 15),
    (re.compile(r"proxy_smtp_auth|starttls|resolver|smtp_capabilities"), 14),
    (re.compile(r"none|xclient off|greeting_delay|cram-md5"), 13),
]

POP3_VARIANTS = [
    (re.compile(r"proxy_ssl starttls;"), 20),
    (re.compile(r"proxy_protocol;"), 18),
    (re.compile(r"starttls only"), 10),
    (re.compile(r"apop|cram-md5|external|starttls on"), 9),
    (re.compile(r"buffer|max_errors|timeout"), 11),
]

VARIANTS = [
    (re.compile(r"proxy_ssl starttls;"), 19),
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
            out.append(9)
        elif line.startswith("R: "):
            out += chunks(12, unescape(line[3:]))
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
