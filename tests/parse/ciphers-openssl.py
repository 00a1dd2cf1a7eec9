#!/usr/bin/env python3
# tests/parse/ciphers-openssl.py - re-checks the C(...) vectors of
# test_ciphers.c against the installed `openssl ciphers` (not run by CI;
# they were taken from OpenSSL 3.0.19, Debian 12).  Prints "OK", or
# "MISMATCH string" with OpenSSL's answer, per vector; always exits 0.
import os, re, subprocess

CODES = {
    'ECDHE-ECDSA-AES128-GCM-SHA256': 'e128', 'ECDHE-RSA-AES128-GCM-SHA256': 'r128',
    'ECDHE-ECDSA-AES256-GCM-SHA384': 'e256', 'ECDHE-RSA-AES256-GCM-SHA384': 'r256',
    'ECDHE-ECDSA-CHACHA20-POLY1305': 'ec20', 'ECDHE-RSA-CHACHA20-POLY1305': 'rc20',
}


def openssl(s, supported):
    args = ['openssl', 'ciphers', '-tls1_2'] + (['-s'] if supported else []) + ['--', s]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        return []               # "no cipher match"
    # TLS 1.3 suites come first and are named TLS_*; no TLS 1.2 one is.
    return [x for x in r.stdout.strip().split(':') if not x.startswith('TLS_')]


def fnv1a(s):
    h = 0x811c9dc5
    for b in s.encode():
        h = ((h ^ b) * 0x01000193) & 0xffffffff
    return h


def unquote(lits):
    return ''.join(bytes(x[1:-1], 'ascii').decode('unicode_escape') for x in lits)


src = open(os.path.join(os.path.dirname(__file__), 'test_ciphers.c')).read()
lit = r'"(?:[^"\\]|\\.)*"'
for m in re.finditer(r'\bC\(((?:\s*%s)+),\s*(%s),\s*(\d+),\s*(0x[0-9a-f]+)\);' % (lit, lit), src):
    s = unquote(re.findall(lit, m.group(1)))
    want = (unquote([m.group(2)]), int(m.group(3)), int(m.group(4), 16))
    full = openssl(s, False)
    got = (' '.join(CODES[x] for x in openssl(s, True) if x in CODES), len(full),
           fnv1a(':'.join(full)))
    print('OK' if got == want else 'MISMATCH %r: openssl says %r' % (s, got))
