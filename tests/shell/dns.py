"""A tiny authoritative DNS server over UDP on 127.0.0.1, for the resolver
checks of tests/shell/run.sh.  Standard library only.

python3 dns.py PORT RULE...     answer by the rules
python3 dns.py PORT --silent    read queries and never answer

RULE is NAME/TYPE=ANSWER:
  NAME    the query name, without the final dot, any case
  TYPE    PTR, A or AAAA
  ANSWER  a name for PTR (Python escapes such as \\r \\n \\x20 give raw
          bytes in its labels: the point is to send what a hostile zone
          could); addresses for A/AAAA, comma-separated; or one of
          NXDOMAIN, SERVFAIL, REFUSED, NODATA (NOERROR and no answer),
          DROP (no reply at all)
A name without a rule for the asked type gets NODATA if it has other
rules, NXDOMAIN if it has none."""
import socket
import struct
import sys

TYPES = {"A": 1, "PTR": 12, "AAAA": 28}
RCODES = {"NXDOMAIN": 3, "SERVFAIL": 2, "REFUSED": 5, "NODATA": 0}


def parse_rules(args):
    rules = {}
    for arg in args:
        key, answer = arg.split("=", 1)
        name, qtype = key.rsplit("/", 1)
        rules[(name.lower().encode(), TYPES[qtype])] = answer
    return rules


def encode_name(text):
    raw = text.encode().decode("unicode_escape").encode("latin-1")
    out = b""
    for label in raw.split(b"."):
        if label:
            out += bytes([len(label)]) + label
    return out + b"\0"


def read_question(q):
    """(name bytes, qtype, end offset of the question) or None."""
    off, labels = 12, []
    while off < len(q):
        n = q[off]
        off += 1
        if n == 0:
            break
        if n > 63:
            return None     # no compression in a question
        labels.append(q[off:off + n])
        off += n
    if off + 4 > len(q):
        return None
    qtype, _ = struct.unpack("!HH", q[off:off + 4])
    return b".".join(labels).lower(), qtype, off + 4


def answer(q, rules):
    parsed = read_question(q) if len(q) >= 12 else None
    if parsed is None:
        return None
    name, qtype, qend = parsed
    rule = rules.get((name, qtype))
    if rule is None:
        rule = "NODATA" if any(k[0] == name for k in rules) else "NXDOMAIN"
    if rule == "DROP":
        return None
    qid, qflags = struct.unpack("!HH", q[:4])
    rcode, rdatas = RCODES.get(rule, 0), []
    if rule not in RCODES:
        if qtype == TYPES["PTR"]:
            rdatas = [encode_name(rule)]
        elif qtype == TYPES["A"]:
            rdatas = [socket.inet_pton(socket.AF_INET, a) for a in rule.split(",")]
        else:
            rdatas = [socket.inet_pton(socket.AF_INET6, a) for a in rule.split(",")]
    flags = 0x8000 | 0x0400 | (qflags & 0x0100) | rcode     # QR, AA, RD copied
    out = struct.pack("!HHHHHH", qid, flags, 1, len(rdatas), 0, 0) + q[12:qend]
    for rd in rdatas:
        # the owner is the question's name: a pointer to offset 12
        out += struct.pack("!HHHIH", 0xC00C, qtype, 1, 60, len(rd)) + rd
    return out


def main():
    port = int(sys.argv[1])
    silent = sys.argv[2:] == ["--silent"]
    rules = {} if silent else parse_rules(sys.argv[2:])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    while True:
        q, peer = s.recvfrom(4096)
        if silent:
            continue
        r = answer(q, rules)
        if r is not None:
            s.sendto(r, peer)


main()
