#!/usr/bin/env bash
# tests/shell/limits.sh POSTERN - status_listen and the limit_* directives
# (postern extensions) on the running proxy with worker_processes 2, against
# the loopback stand-ins of tests/shell/fakes.py: the metrics move by
# exactly what was done and survive a reload; connection and login limits
# are counted across the workers.  One PASS/FAIL line per check; exits 0.
set -u
BIN=${1:?usage: limits.sh POSTERN}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
PIDS=()
. "$HERE/lib.sh"        # cleanup on exit, check, wait_port

# above run.sh's ports (25000 + 240 runs of 20), 8 a run
B=$((29800 + ($$ % 24) * 8))
AUTH=$B IMAP=$((B + 1)) POP3=$((B + 2)) SMTP=$((B + 3))
PI=$((B + 4)) PL=$((B + 5)) PU=$((B + 6)) ST=$((B + 7))
export ST PI PL PU T

python3 "$HERE/fakes.py" $AUTH $IMAP $POP3 $SMTP "$T/auth.log" & PIDS+=($!)
cat > "$T/postern.conf" <<C
daemon off;
worker_processes 2;
pid $T/postern.pid;
error_log $T/err.log info;
mail {
    server_name mail.example.test;
    auth_http 127.0.0.1:$AUTH/auth;
    access_log $T/access.log;
    status_listen 127.0.0.1:$ST;
    limit_zone_size 64k;
    server { listen 127.0.0.1:$PI; protocol imap; }
    server { listen 127.0.0.1:$PL; protocol imap; limit_conn_per_ip 3; }
    server { listen 127.0.0.1:$PU; protocol imap; limit_login_per_user 2r/m burst=1; }
}
C
"$BIN" -p "$T/" -c "$T/postern.conf" 2>"$T/stderr" & MASTER=$!; PIDS+=($MASTER)
export MASTER
wait_port $AUTH; wait_port $PI; wait_port $PL; wait_port $PU; wait_port $ST

# The helpers every check below uses: scrape, parse, one IMAP session.
cat > "$T/m.py" <<'PY'
import os, re, socket
ST = int(os.environ["ST"])

def http(raw):
    s = socket.create_connection(("127.0.0.1", ST), 5)
    s.sendall(raw)
    got = b""
    while True:
        d = s.recv(65536)
        if not d:
            return got
        got += d

def scrape():
    r = http(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    head, body = r.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200 OK\r\n"), head
    m = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#"):
            k, v = line.rsplit(" ", 1)
            m[k] = float(v)
    return m

def delta(a, b, key):
    return b.get(key, 0) - a.get(key, 0)

def imap(port, user, pw, extra=b""):
    """One session: greeting, LOGIN, then extra relayed and echoed; the reply line."""
    s = socket.create_connection(("127.0.0.1", port), 5)
    f = s.makefile("rb")
    g = f.readline()
    assert g == b"* OK IMAP4 ready\r\n", g
    s.sendall(b"a1 LOGIN %s %s\r\n" % (user, pw))
    r = f.readline()
    if r.startswith(b"a1 OK") and extra:
        s.sendall(extra)
        e = f.readline()
        assert e == b"ECHO " + extra, e
    s.close()
    return r
PY
export PYTHONPATH=$T

check metrics-http-format python3 - <<'PY'
from m import http
r = http(b"GET /metrics HTTP/1.0\r\n\r\n")
head, body = r.split(b"\r\n\r\n", 1)
lines = head.split(b"\r\n")
assert lines[0] == b"HTTP/1.0 200 OK", lines
assert b"Content-Type: text/plain; version=0.0.4" in lines, lines
assert b"Connection: close" in lines, lines
assert b"Content-Length: %d" % len(body) in lines, lines
t = body.decode()
for name, typ in (("postern_sessions_total", "counter"), ("postern_connections", "gauge"),
                  ("postern_relayed_bytes_total", "counter"),
                  ("postern_tls_handshakes_total", "counter"),
                  ("postern_auth_http_duration_seconds", "histogram"),
                  ("postern_limit_refused_total", "counter")):
    assert "# HELP %s " % name in t and "# TYPE %s %s\n" % (name, typ) in t, name
assert 'postern_sessions_total{protocol="imap",result="relayed"}' in t
for proto in ("imap", "pop3", "smtp", "sieve"):
    assert 'postern_connections{protocol="%s"}' % proto in t, proto
assert 'postern_auth_http_duration_seconds_bucket{le="+Inf"}' in t
r = http(b"HEAD /metrics?x=1 HTTP/1.1\r\n\r\n")
assert r.startswith(b"HTTP/1.1 200 OK\r\n") and r.endswith(b"\r\n\r\n"), r
PY
check metrics-http-errors python3 - <<'PY'
from m import http
assert http(b"GET /other HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 404 Not Found\r\n")
r = http(b"POST /metrics HTTP/1.1\r\n\r\n")
assert r.startswith(b"HTTP/1.1 405 Method Not Allowed\r\n") and b"Allow: GET, HEAD\r\n" in r, r
assert http(b"GET metrics HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 400 Bad Request\r\n")
assert http(b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 2000).startswith(b"HTTP/1.1 400 Bad Request\r\n")
assert http(b"\x16\x03\x01\x00\x05hello\r\n").startswith(b"HTTP/1.1 400 Bad Request\r\n")
PY
# Two logins relayed (10 bytes up, 15 down each), one refused by the auth
# service: the counters across both workers move by exactly that.
check metrics-count-sessions python3 - <<'PY'
import os, time
from m import scrape, delta, imap
a = scrape()
assert imap(int(os.environ["PI"]), b"alice", b"s3cret", b"x1 HELLO\r\n").startswith(b"a1 OK")
assert imap(int(os.environ["PI"]), b"bob", b"s3cret", b"x1 HELLO\r\n").startswith(b"a1 OK")
assert imap(int(os.environ["PI"]), b"alice", b"wrong").startswith(b"a1 NO")
time.sleep(0.3)
b = scrape()
S = 'postern_sessions_total{protocol="imap",result="%s"}'
assert delta(a, b, S % "relayed") == 2, (a.get(S % "relayed"), b.get(S % "relayed"))
assert delta(a, b, S % "auth_failed") == 1
assert delta(a, b, S % "error") == 0
assert delta(a, b, 'postern_relayed_bytes_total{protocol="imap",direction="in"}') == 20
assert delta(a, b, 'postern_relayed_bytes_total{protocol="imap",direction="out"}') == 30
assert delta(a, b, "postern_auth_http_duration_seconds_count") == 3
assert delta(a, b, 'postern_auth_http_duration_seconds_bucket{le="+Inf"}') == 3
assert b['postern_connections{protocol="imap"}'] == 0, b
PY
check metrics-connections-gauge python3 - <<'PY'
import os, socket, time
from m import scrape
held = [socket.create_connection(("127.0.0.1", int(os.environ["PI"]))) for _ in range(4)]
for s in held:
    assert s.recv(100) == b"* OK IMAP4 ready\r\n"
assert scrape()['postern_connections{protocol="imap"}'] == 4
for s in held:
    s.close()
time.sleep(0.3)
assert scrape()['postern_connections{protocol="imap"}'] == 0
PY
# limit_conn_per_ip 3 with two workers: three held, every further one is
# refused, whichever worker takes it (a per-worker count would let up to
# six in), and both workers are seen refusing; one closed makes room for
# exactly one.
check limit-conn-per-ip-shared python3 - <<'PY'
import os, socket, time
from m import scrape, delta
P = int(os.environ["PL"])
a = scrape()
def conn():
    s = socket.create_connection(("127.0.0.1", P), 5)
    return s, s.makefile("rb").readline()
held, refused = [], 0
for _ in range(10):
    s, g = conn()
    if g == b"* OK IMAP4 ready\r\n":
        held.append(s)
    else:
        assert g == b"* BYE Too many connections, try later\r\n", g
        assert s.recv(10) == b"", "still open after the refusal"
        refused += 1
        s.close()
assert len(held) == 3 and refused == 7, (len(held), refused)
# both workers refuse (each sees the other's connections): more attempts
# until the error log shows refusals from two processes
import re
def refusers():
    log = open(os.path.join(os.environ["T"], "err.log")).read()
    return set(re.findall(r"\] (\d+)#0: \*\d+ limiting connections", log))
for _ in range(60):
    if len(refusers()) >= 2:
        break
    s, g = conn()
    assert g.startswith(b"* BYE"), g
    s.close()
    refused += 1
    time.sleep(0.02)
assert len(refusers()) == 2, refusers()
held.pop().close()
time.sleep(0.3)
s, g = conn()
assert g == b"* OK IMAP4 ready\r\n", g
s2, g2 = conn()
assert g2.startswith(b"* BYE"), g2
b = scrape()
assert delta(a, b, 'postern_limit_refused_total{limit="conn_per_ip"}') == refused + 1
assert delta(a, b, 'postern_sessions_total{protocol="imap",result="limited"}') == refused + 1
PY
check limit-conn-logged grep -q 'limiting connections by "limit_conn_per_ip"' "$T/err.log"
# Workers killed while they hold connections: the master starts the
# counts again (nobody is left to release them), so the limit is not
# stuck full for good, and takes their sessions out of the gauge.
check limit-conn-after-worker-crash python3 - <<'PY'
import os, socket, subprocess, time
P, M = int(os.environ["PL"]), os.environ["MASTER"]
def workers():
    return subprocess.run(["pgrep", "-P", M], capture_output=True, text=True).stdout.split()
def conn():
    s = socket.create_connection(("127.0.0.1", P), 5)
    return s, s.makefile("rb").readline()
held = [conn() for _ in range(3)]
assert all(g == b"* OK IMAP4 ready\r\n" for _, g in held), held
old = workers()
for w in old:
    os.kill(int(w), 9)
for _ in range(50):
    time.sleep(0.1)
    now = workers()
    if len(now) == len(old) and not set(now) & set(old):
        break
else:
    raise SystemExit("workers not replaced: %s -> %s" % (old, workers()))
time.sleep(0.2)
from m import scrape
g = scrape()['postern_connections{protocol="imap"}']
assert g == 0, "the dead workers' sessions still in the gauge: %s" % g
fresh = [conn() for _ in range(3)]
time.sleep(0.2)
g = scrape()['postern_connections{protocol="imap"}']
assert g == 3, "gauge %s with 3 sessions open" % g
assert all(g == b"* OK IMAP4 ready\r\n" for _, g in fresh), [g for _, g in fresh]
s, g = conn()
assert g.startswith(b"* BYE"), g
log = open(os.path.join(os.environ["T"], "err.log")).read()
assert "limit_conn_per_* counts restart from 0" in log, "no warning logged"
PY
# limit_login_per_user 2r/m burst=1: the third login within the minute is
# refused without an auth request, on whichever worker.
check limit-login-per-user-shared python3 - <<'PY'
import os
from m import scrape, delta, imap
P = int(os.environ["PU"])
log = os.path.join(os.environ["T"], "auth.log")
def asked():
    return open(log).read().count("Auth-User: carol\n")
a, n = scrape(), asked()
assert imap(P, b"carol", b"s3cret").startswith(b"a1 OK")
assert imap(P, b"carol", b"s3cret").startswith(b"a1 OK")
r = imap(P, b"carol", b"s3cret")
assert r == b"a1 NO [UNAVAILABLE] Too many login attempts, try later\r\n", r
assert asked() == n + 2, "the refused login reached auth_http"
assert imap(P, b"dave", b"s3cret").startswith(b"a1 OK")   # another login is not limited
b = scrape()
assert delta(a, b, 'postern_limit_refused_total{limit="login_per_user"}') == 1
PY
# The auth service's WAIT makes postern ask again: that is the same attempt,
# counted once.  wendy's login takes three requests (WAIT, WAIT, OK) under
# 2r/m burst=1, which lets two attempts through.
check limit-login-wait-counted-once python3 - <<'PY'
import os
from m import imap
log = os.path.join(os.environ["T"], "auth.log")
r = imap(int(os.environ["PU"]), b"wendy", b"s3cret")
assert r.startswith(b"a1 OK"), r
assert open(log).read().count("Auth-User: wendy\n") == 3, "not asked three times"
PY
check limit-login-logged grep -q 'limiting login attempts by "limit_login_per_user"' "$T/err.log"
check limit-login-no-password python3 -c "import sys; sys.exit(b's3cret' in open('$T/err.log','rb').read())"

# A reload replaces the workers: the counters and the limits' table stay.
python3 -c "from m import scrape; import json; print(json.dumps(scrape()))" > "$T/before.json"
"$BIN" -p "$T/" -c "$T/postern.conf" -s reload
sleep 1
check reload-keeps-counters python3 - <<'PY'
import json, os
from m import scrape, imap
a = json.load(open(os.path.join(os.environ["T"], "before.json")))
b = scrape()
for k in ('postern_sessions_total{protocol="imap",result="relayed"}',
          'postern_auth_http_duration_seconds_count',
          'postern_limit_refused_total{limit="conn_per_ip"}'):
    assert b[k] == a[k] and a[k] > 0, (k, a.get(k), b.get(k))
r = imap(int(os.environ["PU"]), b"carol", b"s3cret")
assert r.startswith(b"a1 NO [UNAVAILABLE]"), r
PY
check reload-new-workers grep -q "gracefully shutting down" "$T/err.log"

kill -QUIT $MASTER
for _ in $(seq 1 50); do kill -0 $MASTER 2>/dev/null || break; sleep 0.1; done
check quit-frees-status-port python3 -c "
import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $ST))"
check no-sanitizer-report python3 -c "
import sys; t = open('$T/stderr', errors='replace').read() + open('$T/err.log', errors='replace').read()
t = ''.join(l for l in t.splitlines(True) if 'exited with signal 9' not in l)   # the crash check's
sys.exit('Sanitizer' in t or 'runtime error' in t or 'exited with' in t)"
exit 0
