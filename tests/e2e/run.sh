#!/usr/bin/env bash
# tests/e2e/run.sh POSTERN_BINARY - end-to-end tests against real mail servers.
#
# Starts, all on 127.0.0.1 and with every file in one temp dir:
#   Dovecot   IMAP 21143, POP3 21110   users alice/alice-pw, bob/"b ob%pw"
#   Postfix   SMTP 21025               XCLIENT from 127.0.0.1, virtual delivery
#                                       into the maildirs Dovecot serves
#   authd.py  auth_http 21900/auth     logs every request it gets
#   postern   IMAP 22143, POP3 22110, SMTP 22025 (AUTH), SMTP 22026 (smtp_auth none)
# then runs the checks of checks.py, reload.py's SIGHUP under load and a few of
# its own, and stops every process it started, by PID, also when a check fails
# or the run is interrupted.
#
# Prints one line per check at column 0, "PASS e2e:<name>" or "FAIL e2e:<name>"
# with details indented below, and exits 0: its caller counts.
#
# E2E_NGINX=1     run nginx's mail module (nginx-light + libnginx-mod-mail) in
#                 place of the binary; the argument may then be omitted.  The
#                 config is the same but for load_module, and nginx gets
#                 -e and -g 'daemon off; master_process off;'.  For the
#                 SIGHUP check (which needs a master) that nginx is stopped
#                 and one with its master started in its place: the checks
#                 after it (sigterm-exit, proxy-log-clean) see that one.
# E2E_KEEP=1      keep the temp dir (its path is printed) for a look afterwards.
# E2E_VERBOSE=1   on a failure, also show the tails of all server logs.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/servers.sh"
NGINX=${E2E_NGINX:-0}
if [ "$NGINX" = 1 ]; then
	BIN=${1:-$(command -v nginx || echo /usr/sbin/nginx)}
else
	BIN=${1:?usage: tests/e2e/run.sh POSTERN_BINARY}
fi
case $BIN in
	/*) ;;
	*/*) BIN=$PWD/$BIN ;;
	*) BIN=$(command -v -- "$BIN" || printf '%s' "$PWD/$BIN") ;;
esac

# Ports: backends 21xxx, proxy 22xxx, auth service 21900.
DC_IMAP=21143 DC_POP3=21110 PF_SMTP=21025 AUTH_PORT=21900
PX_IMAP=22143 PX_POP3=22110 PX_SMTP=22025 PX_SMTP_NOAUTH=22026
START_WAIT=10   # seconds to wait for each port to accept
PY=python3

pass() { echo "PASS e2e:$1"; }
fail() { # name detail...
	echo "FAIL e2e:$1"; shift
	local l
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/    /'; done
}
tailof() { # file [n]: the last lines of a log, indented by fail()
	if [ -s "$1" ]; then echo "--- tail of ${1#"$S"/}:"; tail -n "${2:-15}" "$1"; else echo "--- ${1#"$S"/}: empty or missing"; fi
}

# ---- one run at a time ------------------------------------------------------------------
# The ports are fixed, so two runs on one machine (make test's rel and san suites started
# by two people, say) would meet on them.  They queue on a lock instead: a run lasts ~10 s.
# (The servers are started with 9>&-, so that none of them keeps the lock.)
LOCK=/tmp/postern-e2e.lock
exec 9>>"$LOCK"
if command -v flock >/dev/null && ! flock -w 60 9; then
	fail setup-lock "another e2e run held $LOCK for 60 s"
	exit 0
fi

# ---- state ---------------------------------------------------------------------------
S=$(mktemp -d /tmp/postern-e2e.XXXXXX) || { fail setup "mktemp failed"; exit 0; }
# Dovecot's and Postfix's unprivileged processes must reach their files in here.
chmod 755 "$S"

PIDS_POSTERN="" PID_AUTHD="" PID_CHECKS="" CLEANED=0

stop_pid() { # pid name: TERM, wait up to 5 s, then KILL
	local pid=$1 i
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
	kill -TERM "$pid" 2>/dev/null
	for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; fi
	wait "$pid" 2>/dev/null
	return 0
}

proxy_children() { # the PIDs of the proxy's own processes (its workers), if any
	[ -n "$1" ] && command -v pgrep >/dev/null && pgrep -P "$1" | tr '\n' ' '
}

stop_proxy() { # pid: stop the proxy and then any of its workers that outlived it
	local pid=$1 kids c
	[ -n "$pid" ] || return 0
	kids=$(proxy_children "$pid")
	stop_pid "$pid"
	for c in $kids; do stop_pid "$c"; done
}

cleanup() {
	[ "$CLEANED" = 1 ] && return
	CLEANED=1
	trap '' INT TERM
	local p
	stop_pid "$PID_CHECKS"
	for p in $PIDS_POSTERN; do stop_proxy "$p"; done
	stop_pid "$PID_AUTHD"
	servers_stop
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "e2e: state kept in $S" >&2
	else
		rm -rf "$S"
	fi
}
trap cleanup EXIT
trap 'fail interrupted "run.sh got SIGINT; stopping everything it started"; exit 130' INT
trap 'fail interrupted "run.sh got SIGTERM; stopping everything it started"; exit 143' TERM
# A caller that stops reading (| head) or hangs up must not leave the servers running.
trap 'exit 141' PIPE
trap 'exit 129' HUP

port_open() { # port: does 127.0.0.1:port accept a connection?
	$PY - "$1" <<'P' 2>/dev/null
import socket, sys
s = socket.socket(); s.settimeout(1)
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
P
}

wait_port() { # port pid-or-empty: 0 once the port accepts; 1 on timeout or death
	local port=$1 pid=${2:-} i end=$((SECONDS + START_WAIT))
	for i in $(seq $((START_WAIT * 10))); do
		port_open "$port" && return 0
		[ "$SECONDS" -lt "$end" ] || return 1
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
		sleep 0.1
	done
	return 1
}

# Leftovers of an earlier run would answer in place of ours.
busy=""
for p in $DC_IMAP $DC_POP3 $PF_SMTP $AUTH_PORT $PX_IMAP $PX_POP3 $PX_SMTP $PX_SMTP_NOAUTH; do
	port_open "$p" && busy+=" $p"
done
if [ -n "$busy" ]; then
	fail setup-ports-free "already in use on 127.0.0.1:$busy (a leftover run, or another one going on?)" \
		"nothing was started: the checks would talk to servers that are not ours"
	exit 0
fi
if [ "$NGINX" = 1 ] && [ ! -e /usr/lib/nginx/modules/ngx_mail_module.so ]; then
	fail setup-nginx "E2E_NGINX=1 needs nginx's mail module: E2E_NGINX=1 bash ci/deps.sh installs it"
	exit 0
fi

servers_start

# ---- the auth_http service ----------------------------------------------------------------
AUTHLOG=$S/auth.log
: >"$AUTHLOG"
$PY "$HERE/authd.py" --port "$AUTH_PORT" --log "$AUTHLOG" \
	--imap "$DC_IMAP" --pop3 "$DC_POP3" --smtp "$PF_SMTP" >"$S/authd.out" 2>&1 9>&- &
PID_AUTHD=$!

# ---- the proxy's configuration --------------------------------------------------------------
# One config for postern and nginx: nginx needs its mail module loaded (postern has it
# built in), and the events{} block (postern accepts it).
{
	[ "$NGINX" = 1 ] && echo "load_module /usr/lib/nginx/modules/ngx_mail_module.so;"
	cat <<EOF2
# generated by tests/e2e/run.sh
$([ "$NGINX" = 1 ] || echo "daemon off;      # nginx gets it from -g")
worker_processes 1;
pid $S/postern.pid;
error_log $S/postern-error.log info;
events { }

mail {
    server_name   mail.example.test;
    auth_http     127.0.0.1:$AUTH_PORT/auth;
    proxy_pass_error_message on;
    # reload.py changes the value before a SIGHUP and looks for the new one
    # in the auth service's log.
    auth_http_header X-E2E-Conf gen1;

    server {
        listen   127.0.0.1:$PX_IMAP;
        protocol imap;
    }

    server {
        listen    127.0.0.1:$PX_POP3;
        protocol  pop3;
        pop3_auth plain apop cram-md5;
    }

    server {
        listen    127.0.0.1:$PX_SMTP;
        protocol  smtp;
        xclient   on;
        smtp_auth plain login cram-md5;
    }

    server {
        listen    127.0.0.1:$PX_SMTP_NOAUTH;
        protocol  smtp;
        xclient   on;
        smtp_auth none;
    }
}
EOF2
} >"$S/postern.conf"

proxy_args=(-p "$S/" -c "$S/postern.conf")
if [ "$NGINX" = 1 ]; then
	# nginx opens its compiled-in error log before reading the config: -e keeps it here.
	proxy_args+=(-e "$S/nginx-startup.log" -g 'daemon off; master_process off;')
fi

# ---- wait for the servers ----------------------------------------------------------------
wait_port "$DC_IMAP" && wait_port "$DC_POP3" && pass setup-dovecot ||
	fail setup-dovecot "IMAP $DC_IMAP / POP3 $DC_POP3 did not accept within ${START_WAIT}s" \
		"$(tailof "$S/dc/start.out")" "$(tailof "$S/dc/dovecot.log")"
wait_port "$PF_SMTP" && pass setup-postfix ||
	fail setup-postfix "SMTP $PF_SMTP did not accept within ${START_WAIT}s" \
		"$(tailof "$S/pf/start.out")" "$(tailof "$S/pf/maillog")"
wait_port "$AUTH_PORT" "$PID_AUTHD" && pass setup-authd ||
	fail setup-authd "auth_http $AUTH_PORT did not accept within ${START_WAIT}s" "$(tailof "$S/authd.out")"

# ---- postern -t ----------------------------------------------------------------------
out=$(timeout 10 "$BIN" -t "${proxy_args[@]}" 2>&1 9>&-)
rc=$?
if [ $rc = 0 ] && grep -q "configuration file $S/postern.conf test is successful" <<<"$out"; then
	pass conf-test
else
	fail conf-test "rc=$rc, expected \"configuration file $S/postern.conf test is successful\"" "$out"
fi

# ---- postern ---------------------------------------------------------------------------
"$BIN" "${proxy_args[@]}" >"$S/postern.out" 2>&1 9>&- &
PID_POSTERN=$!
PIDS_POSTERN=$PID_POSTERN
if wait_port "$PX_IMAP" "$PID_POSTERN" && wait_port "$PX_POP3" "$PID_POSTERN" &&
	wait_port "$PX_SMTP" "$PID_POSTERN" && wait_port "$PX_SMTP_NOAUTH" "$PID_POSTERN"; then
	pass setup-proxy
else
	fail setup-proxy "$(basename "$BIN") did not accept on $PX_IMAP/$PX_POP3/$PX_SMTP/$PX_SMTP_NOAUTH" \
		"$(kill -0 "$PID_POSTERN" 2>/dev/null && echo "still running after ${START_WAIT}s" || echo "it exited")" \
		"$(tailof "$S/postern.out")" "$(tailof "$S/postern-error.log")"
fi

# ---- the protocol checks ------------------------------------------------------------------
# In the background with `wait`: a trapped signal interrupts `wait` at once, where a
# foreground command would first have to end.
timeout 90 $PY "$HERE/checks.py" --state "$S" --auth-log "$AUTHLOG" \
	--imap "$PX_IMAP" --pop3 "$PX_POP3" --smtp "$PX_SMTP" --smtp-noauth "$PX_SMTP_NOAUTH" \
	>"$S/checks.out" 2>&1 9>&- &
PID_CHECKS=$!
wait "$PID_CHECKS"
rc=$?
PID_CHECKS=""
out=$(cat "$S/checks.out")
printf '%s\n' "$out"
if [ $rc != 0 ]; then
	fail checks-run "checks.py exited with status $rc"
fi
if grep -q '^FAIL ' <<<"$out" && [ "${E2E_VERBOSE:-0}" = 1 ]; then
	for f in "$S/postern.out" "$S/postern-error.log" "$S/dc/dovecot.log" "$S/pf/maillog" "$S/authd.out"; do
		tailof "$f" 20 | sed 's/^/    /'
	done
fi

# ---- SIGHUP to the master while clients keep the proxy busy (reload.py) ---------------------
hup_ready=1
if [ "$NGINX" = 1 ]; then
	# The nginx above runs without a master; one with its master takes its place.
	stop_proxy "$PID_POSTERN"
	PIDS_POSTERN=""
	"$BIN" -p "$S/" -c "$S/postern.conf" -e "$S/nginx-startup.log" -g 'daemon off;' \
		>"$S/nginx-master.out" 2>&1 9>&- &
	PID_POSTERN=$!
	PIDS_POSTERN=$PID_POSTERN
	if ! { wait_port "$PX_IMAP" "$PID_POSTERN" && wait_port "$PX_POP3" "$PID_POSTERN" &&
		wait_port "$PX_SMTP" "$PID_POSTERN" && wait_port "$PX_SMTP_NOAUTH" "$PID_POSTERN"; }; then
		hup_ready=0
		for c in sighup-load sighup-load-delivered sighup-load-workers sighup-load-config; do
			fail "$c" "not run: nginx with its master did not accept on $PX_IMAP/$PX_POP3/$PX_SMTP/$PX_SMTP_NOAUTH" \
				"$(tailof "$S/nginx-master.out")" "$(tailof "$S/postern-error.log")"
		done
	fi
fi
if [ "$hup_ready" = 1 ]; then
	timeout 60 $PY "$HERE/reload.py" --state "$S" --auth-log "$AUTHLOG" --conf "$S/postern.conf" \
		--master-pid "$PID_POSTERN" --imap "$PX_IMAP" --pop3 "$PX_POP3" --smtp "$PX_SMTP" \
		>"$S/reload.out" 2>&1 9>&- &
	PID_CHECKS=$!
	wait "$PID_CHECKS"
	rc=$?
	PID_CHECKS=""
	out=$(cat "$S/reload.out")
	printf '%s\n' "$out"
	if [ $rc != 0 ]; then
		fail reload-run "reload.py exited with status $rc"
	fi
fi

# ---- SIGTERM: the proxy exits within 5 s, and its workers and listeners go with it ----------
if ! kill -0 "$PID_POSTERN" 2>/dev/null; then
	wait "$PID_POSTERN" 2>/dev/null
	rc=$?
	PIDS_POSTERN=""
	fail sigterm-exit "$(basename "$BIN") was no longer running before SIGTERM (exit status $rc)" \
		"$(tailof "$S/postern.out")"
else
	kids=$(proxy_children "$PID_POSTERN")
	kill -TERM "$PID_POSTERN"
	t0=$(date +%s%N)
	ms=0
	for i in $(seq 60); do
		alive=""
		for p in $PID_POSTERN $kids; do kill -0 "$p" 2>/dev/null && alive+=" $p"; done
		open=""
		for p in $PX_IMAP $PX_POP3 $PX_SMTP $PX_SMTP_NOAUTH; do port_open "$p" && open+=" $p"; done
		ms=$((($(date +%s%N) - t0) / 1000000))
		[ -z "$alive$open" ] && break
		[ "$ms" -le 5000 ] || break
		sleep 0.1
	done
	if [ -z "$alive$open" ]; then
		wait "$PID_POSTERN" 2>/dev/null
		rc=$?
		PIDS_POSTERN=""
		pass sigterm-exit
		[ "${E2E_VERBOSE:-0}" = 1 ] && echo "    gone ${ms} ms after SIGTERM, status $rc, workers:${kids:- none}"
	else
		fail sigterm-exit "${ms} ms after SIGTERM: processes still running:${alive:- none}; ports still accepting:${open:- none}" \
			"$(tailof "$S/postern.out")"
	fi
fi

# ---- the proxy's own reports: no sanitizer finding, nothing at alert/crit/emerg ------------
bad=$(cat "$S/postern.out" "$S/postern-error.log" 2>/dev/null |
	grep -E 'ERROR: (Address|Leak|Undefined|Memory|Thread)Sanitizer|runtime error:|\[(alert|crit|emerg)\]' | head -10)
if [ -z "$bad" ]; then
	pass proxy-log-clean
else
	fail proxy-log-clean "$bad"
fi
exit 0
