#!/usr/bin/env bash
# ci/run-demo.sh POSTERN [--check] - what `make run` does: a private Dovecot
# (IMAP, POP3) and Postfix (SMTP with XCLIENT) on 127.0.0.1 high ports, all
# state in one temp dir, and postern in front of them on auth_file (no HTTP
# service).  It prints how to connect, then waits; Ctrl-C stops everything
# it started, by PID, and removes the temp dir.
#
# --check: instead of waiting, log in through postern with curl (IMAP,
# POP3, SMTP: a message sent as alice to bob is then read back by IMAP),
# print one PASS/FAIL line per step, and stop.  tests/run.sh runs this, so
# `make run` itself is tested.
#
# Needs root (Dovecot and Postfix drop to their own users) and the packages
# of ci/deps.sh.
set -u
BIN=${1:?usage: ci/run-demo.sh POSTERN [--check]}
CHECK=0
[ "${2:-}" = --check ] && CHECK=1
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)

DC_IMAP=24143 DC_POP3=24110 PF_SMTP=24025
PX_IMAP=10143 PX_POP3=10110 PX_SMTP=10025

say() { printf '%s\n' "$*"; }
if [ "$(id -u)" != 0 ]; then
	say "make run starts Dovecot and Postfix, which need root: run it as root (sudo make run)."
	[ "$CHECK" = 1 ] && say "FAIL run:root"
	exit "$((1 - CHECK))"
fi

port_open() {
	python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 0.5)" \
		"$1" 2>/dev/null
}
busy=""
for p in $DC_IMAP $DC_POP3 $PF_SMTP $PX_IMAP $PX_POP3 $PX_SMTP; do
	port_open "$p" && busy+=" $p"
done
if [ -n "$busy" ]; then
	say "127.0.0.1:$busy already in use (an earlier make run still going?): nothing started."
	[ "$CHECK" = 1 ] && say "FAIL run:ports-free"
	exit "$((1 - CHECK))"
fi

S=$(mktemp -d /tmp/postern-run.XXXXXX) || exit 1
chmod 755 "$S"
PID_POSTERN=""
. "$ROOT/tests/e2e/servers.sh"

stop_postern() {
	local i
	[ -n "$PID_POSTERN" ] || return 0
	kill -TERM "$PID_POSTERN" 2>/dev/null
	for i in $(seq 50); do kill -0 "$PID_POSTERN" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$PID_POSTERN" 2>/dev/null
	wait "$PID_POSTERN" 2>/dev/null
	PID_POSTERN=""
}
cleanup() {
	trap '' INT TERM
	stop_postern
	servers_stop
	rm -rf "$S"
	[ "$CHECK" = 1 ] || say "stopped: postern, Dovecot and Postfix; $S removed."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

servers_start

# The users postern knows: alice with a yescrypt hash made by libcrypt, bob
# in {PLAIN} (a password with a space and a '%').
python3 - "$S/postern-users" $DC_IMAP $DC_POP3 $PF_SMTP <<'PY'
import ctypes, sys
lc = ctypes.CDLL("libcrypt.so.1")
lc.crypt_gensalt.restype = ctypes.c_char_p
lc.crypt.restype = ctypes.c_char_p
path, imap, pop3, smtp = sys.argv[1:]
be = "imap=127.0.0.1:%s pop3=127.0.0.1:%s smtp=127.0.0.1:%s" % (imap, pop3, smtp)
h = lc.crypt(b"alice-pw", lc.crypt_gensalt(b"$y$", 0, None, 0)).decode()
with open(path, "w") as f:
    f.write("# user:secret:backends (README: auth_file)\n")
    f.write("alice:%s:%s\n" % (h, be))
    f.write("bob:{PLAIN}b ob%%pw:%s\n" % be)
PY

cat >"$S/postern.conf" <<EOF
daemon off;
worker_processes 2;
pid $S/postern.pid;
error_log $S/postern.log info;
events { worker_connections 256; }
mail {
    server_name mail.example.test;
    auth_file postern-users;
    access_log $S/access.log;
    # CRAM-MD5 and APOP only where every user has a {PLAIN} secret: clients
    # such as curl take the strongest mechanism offered (README: auth_file)
    imap_auth plain login;
    pop3_auth plain;
    smtp_auth login plain;
    xclient on;
    server { listen 127.0.0.1:$PX_IMAP; protocol imap; }
    server { listen 127.0.0.1:$PX_POP3; protocol pop3; }
    server { listen 127.0.0.1:$PX_SMTP; protocol smtp; }
}
EOF

up=1
for p in $DC_IMAP $DC_POP3 $PF_SMTP; do
	for _ in $(seq 100); do port_open "$p" && break; sleep 0.1; done
	port_open "$p" || { say "a backend did not come up on 127.0.0.1:$p (logs: $S/dc, $S/pf)"; up=0; }
done
if [ "$up" = 1 ] && "$BIN" -p "$S/" -t -q -c "$S/postern.conf"; then
	"$BIN" -p "$S/" -c "$S/postern.conf" 2>>"$S/postern.log" &
	PID_POSTERN=$!
	for p in $PX_IMAP $PX_POP3 $PX_SMTP; do
		for _ in $(seq 100); do port_open "$p" && break; sleep 0.1; done
		port_open "$p" || up=0
	done
else
	up=0
fi
if [ "$up" = 0 ]; then
	say "the demo did not start; postern's log:"
	tail -n 20 "$S/postern.log" 2>/dev/null
	[ "$CHECK" = 1 ] && say "FAIL run:start"
	exit "$((1 - CHECK))"
fi

if [ "$CHECK" = 1 ]; then
	step() { # name command...: PASS when the command succeeds
		local name=$1; shift
		if "$@" >"$S/step.out" 2>&1; then say "PASS run:$name"; else
			say "FAIL run:$name"; sed 's/^/    /' "$S/step.out" | tail -n 15
			tail -n 5 "$S/postern.log" | sed 's/^/    log: /'
		fi
	}
	printf 'From: alice@example.test\r\nTo: bob@example.test\r\nSubject: make run\r\n\r\nsent through postern %s\r\n' \
		"$S" >"$S/msg.txt"
	step imap-login curl -sS --max-time 10 --url "imap://127.0.0.1:$PX_IMAP/" --user alice:alice-pw
	step pop3-login curl -sS --max-time 10 --url "pop3://127.0.0.1:$PX_POP3/" --user alice:alice-pw
	step smtp-send curl -sS --max-time 10 --url "smtp://127.0.0.1:$PX_SMTP" --user alice:alice-pw \
		--mail-from alice@example.test --mail-rcpt bob@example.test --upload-file "$S/msg.txt"
	# Postfix delivers in the background: read bob's INBOX until the message is there.
	read_back() {
		local i
		for i in $(seq 50); do
			curl -sS --max-time 10 --url "imap://127.0.0.1:$PX_IMAP/INBOX;UID=1" \
				--user 'bob:b ob%pw' 2>/dev/null |
				grep -q "sent through postern $S" && return 0
			sleep 0.2
		done
		echo "bob's INBOX has no message from alice after 10 s"
		return 1
	}
	step imap-read-back read_back
	step wrong-password-refused bash -c "! curl -sS --max-time 10 --url imap://127.0.0.1:$PX_IMAP/ --user alice:wrong"
	exit 0
fi

cat <<EOF

postern is running in front of a private Dovecot and Postfix (all state in $S):

  IMAP  127.0.0.1:$PX_IMAP   POP3  127.0.0.1:$PX_POP3   SMTP  127.0.0.1:$PX_SMTP
  users (auth_file $S/postern-users):  alice / alice-pw   bob / "b ob%pw"

Try:
  curl -v --url imap://127.0.0.1:$PX_IMAP/INBOX --user alice:alice-pw
  curl -v --url pop3://127.0.0.1:$PX_POP3/ --user alice:alice-pw
  printf 'Subject: hi\\r\\n\\r\\nhello bob\\r\\n' > /tmp/msg.txt
  curl -v --url smtp://127.0.0.1:$PX_SMTP --user alice:alice-pw \\
       --mail-from alice@example.test --mail-rcpt bob@example.test --upload-file /tmp/msg.txt
  curl -v --url 'imap://127.0.0.1:$PX_IMAP/INBOX;UID=1' --user 'bob:b ob%pw'
  openssl s_client is for TLS, which this version does not have yet; a raw session:
  python3 -c 'import imaplib; m = imaplib.IMAP4("127.0.0.1", $PX_IMAP); print(m.login("alice", "alice-pw"))'

Logs: $S/postern.log (error_log, info), $S/access.log (one line per session).
Ctrl-C stops everything.
EOF
wait "$PID_POSTERN"
