#!/usr/bin/env bash
# tests/bench/run.sh POSTERN LOADGEN OUT_DIR - postern against nginx's mail
# module, side by side, in one run (make bench).
#
# Starts on 127.0.0.1, every file in one temp dir: Dovecot (IMAP 24043, POP3
# 24010) and Postfix (SMTP 24025, XCLIENT) from tests/e2e/servers.sh, sized
# for load; tests/e2e/authd.py on 24900; then postern (ports 241xx) and nginx
# (ports 242xx) from one config (one worker each, the same directives; nginx
# only adds load_module), both at once.  For each round (BENCH_ROUNDS, 3) and
# each workload, loadgen drives postern and then nginx and measures their
# master and worker processes (utime+stime, VmRSS from /proc).
#
# Workloads (sizes by environment, for a quick look set them small):
#   imap, pop3, smtp           BENCH_SESSIONS (1000) login sessions, 10 at a time
#   imap-keepalive             the imap sessions with postern's auth_http_keepalive on
#                              (nginx, which has no such thing, runs the same server as imap)
#   imaps-ec-full / -resume    BENCH_TLS_SESSIONS (400), ECDSA P-256 certificate
#   imaps-rsa-full / -resume   the same with RSA-2048
#   fetch                      BENCH_FETCHES (10) sessions each fetching a 10 MiB message,
#                              also through Dovecot's own IMAP proxy (24343)
#   idle, idle-tls             BENCH_IDLE (1000) logged-in IMAP sessions held 2 s
#   scale                      BENCH_SCALE (100000) idle IMAP sessions at once against
#                              tests/bench/mockd, once (tests/bench/scale.sh)
# Each proxy has TLSv1.2 only (BearSSL has no 1.3), a shared session cache,
# and nginx's defaults otherwise.
#
# Writes OUT_DIR/raw.jsonl (every loadgen line), OUT_DIR/bench.json (medians
# and ratios) and prints the table (tests/bench/report.py).  It reports; a
# failed session is shown in the table, not turned into an exit status.
# Exit status 1 only when a part could not start.
# BENCH_SERVE=1 starts everything and waits (for perf, strace, loadgen by hand).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
POSTERN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
LOADGEN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
MOCKD=$(dirname "$LOADGEN")/mockd       # built beside loadgen (tests/bench/mockd.c)
OUT=${3:?usage: run.sh POSTERN LOADGEN OUT_DIR}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
NGINX=${NGINX:-/usr/sbin/nginx}
NGX_MAIL=/usr/lib/nginx/modules/ngx_mail_module.so
ROUNDS=${BENCH_ROUNDS:-3}
SESSIONS=${BENCH_SESSIONS:-1000}
TLS_SESSIONS=${BENCH_TLS_SESSIONS:-400}
FETCHES=${BENCH_FETCHES:-10}
IDLE=${BENCH_IDLE:-1000}
WORKLOADS=${BENCH_WORKLOADS-imap imap-keepalive pop3 smtp imaps-ec-full imaps-ec-resume imaps-rsa-full imaps-rsa-resume fetch idle idle-tls}

[ -x "$NGINX" ] && [ -e "$NGX_MAIL" ] || { echo "bench: needs nginx-light and libnginx-mod-mail (E2E_NGINX=1 bash ci/deps.sh)"; exit 1; }

S=$(mktemp -d /tmp/postern-bench.XXXXXX)
chmod 755 "$S"
DC_IMAP=24043 DC_POP3=24010 PF_SMTP=24025 AUTH_PORT=24900
DC_MAX_USERIP=$((IDLE * 2 + 100))
# Dovecot for load: login processes that serve many clients, and an IMAP
# process for every held session (it runs as its user: one client each).
DC_LOGIN_EXTRA="service_count = 0
  client_limit = 1000
  process_min_avail = 2"
DC_EXTRA="default_client_limit = $((IDLE * 4 + 1000))
service imap {
  process_limit = $((IDLE + 200))
}
service pop3 {
  process_limit = 500
}
service anvil {
  client_limit = $((IDLE * 4 + 1000))
}"
# Postfix: its in_flow_delay pauses a MAIL FROM for a second once the
# sessions open more mail than it delivers; here every session ends in RSET.
PF_EXTRA="in_flow_delay = 0"
. "$HERE/../e2e/servers.sh"

PIDS=()
cleanup() {
	local p
	trap '' INT TERM    # a second signal must not cut the stopping short
	[ "${SKIP_STOP:-0}" = 1 ] && { rm -rf "$S"; return; }
	for p in "${PIDS[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${PIDS[@]}"; do
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$p" 2>/dev/null
	done
	if [ "${DP_STARTED:-0}" = 1 ]; then
		doveadm -c "$S/dp/dovecot.conf" stop >/dev/null 2>&1
		wait_gone "$S/dp/run/master.pid"
	fi
	servers_stop
	[ "${BENCH_KEEP:-0}" = 1 ] && echo "bench: kept $S" || rm -rf "$S"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the soft limit only: the hard one is what scale.sh plans with
ulimit -Sn "$(ulimit -Hn)" 2>/dev/null

wait_port() { # port: 0 once 127.0.0.1:port accepts, within 10 s
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.1
	done
	echo "bench: nothing accepts on 127.0.0.1:$1"
	return 1
}

for p in $DC_IMAP $DC_POP3 $PF_SMTP $AUTH_PORT 24143 24243; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
		echo "bench: 127.0.0.1:$p is taken (another make bench?)"
		SKIP_STOP=1
		exit 1
	fi
done
servers_start
python3 "$HERE/../e2e/authd.py" --port $AUTH_PORT --log "$S/authd.log" \
	--imap $DC_IMAP --pop3 $DC_POP3 --smtp $PF_SMTP >"$S/authd.out" 2>&1 &
PIDS+=($!)
wait_port $DC_IMAP && wait_port $DC_POP3 && wait_port $PF_SMTP && wait_port $AUTH_PORT || exit 1

# Dovecot's own IMAP proxy (a passdb with proxy=y) in front of the same
# Dovecot, on 24343: the relay throughput to beat (the fetch workload).
DP_IMAP=24343
mkdir -p "$S/dp/run" "$S/dp/state"
cat >"$S/dp/dovecot.conf" <<EOF
# Dovecot as an IMAP proxy, for tests/bench/run.sh
instance_name = postern-bench-proxy-${S##*.}
base_dir = $S/dp/run
state_dir = $S/dp/state
log_path = $S/dp/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
passdb {
  driver = static
  args = proxy=y host=127.0.0.1 port=$DC_IMAP nopassword=y
}
userdb {
  driver = static
  args = uid=$(id -u mail) gid=$(id -g mail) home=$S/dp/state
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $DP_IMAP
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
DP_STARTED=1
dovecot -c "$S/dp/dovecot.conf" >"$S/dp/start.out" 2>&1 9>&-
wait_port $DP_IMAP || { cat "$S/dp/start.out" "$S/dp/dovecot.log" 2>/dev/null; }
# The authd log would grow by a line per login: nobody reads it here.
ln -sf /dev/null "$S/authd.log"

# One 10 MiB message in alice's INBOX for the FETCH (and the others' SELECT/STAT).
python3 - "$S/mail/alice/Maildir/cur/1000000000.bench.mail:2,S" <<'EOF'
import sys
line = b"x" * 76 + b"\r\n"
with open(sys.argv[1], "wb") as f:
    f.write(b"From: bench@example.test\r\nTo: alice@example.test\r\nSubject: 10 MiB\r\n\r\n")
    f.write(line * (10 * 1024 * 1024 // len(line)))
EOF
chown -R mail:mail "$S/mail"

# Certificates for mail.example.test: ECDSA P-256 and RSA-2048, self-signed.
for k in ec rsa; do
	case $k in
		ec) alg=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) ;;
		rsa) alg=(-newkey rsa:2048) ;;
	esac
	openssl req -x509 "${alg[@]}" -nodes -days 30 -subj /CN=mail.example.test \
		-keyout "$S/$k.key" -out "$S/$k.pem" >/dev/null 2>&1 || { echo "bench: openssl req failed"; exit 1; }
done

# ---- the one config --------------------------------------------------------------------
conf() { # name base-port
	local who=$1 b=$2
	[ "$who" = nginx ] && echo "load_module $NGX_MAIL;"
	cat <<EOF
# generated by tests/bench/run.sh
worker_processes 1;
worker_rlimit_nofile $((IDLE * 4 + 4096));
pid $S/$who.pid;
error_log $S/$who-error.log error;
events { worker_connections $((IDLE * 2 + 1024)); }

mail {
    auth_http 127.0.0.1:$AUTH_PORT/auth;
    server_name mail.example.test;
    proxy_pass_error_message on;
    ssl_protocols TLSv1.2;
    ssl_session_cache shared:BENCH:10m;
    ssl_session_timeout 10m;
    xclient on;
    smtp_auth plain login;

    server { listen 127.0.0.1:$((b + 43)); protocol imap; }
    server { listen 127.0.0.1:$((b + 44)); protocol imap;$([ "$who" = postern ] && echo " auth_http_keepalive on;") }
    server { listen 127.0.0.1:$((b + 10)); protocol pop3; }
    server { listen 127.0.0.1:$((b + 25)); protocol smtp; }
    server {
        listen 127.0.0.1:$((b + 93)) ssl; protocol imap;
        ssl_certificate $S/ec.pem; ssl_certificate_key $S/ec.key;
    }
    server {
        listen 127.0.0.1:$((b + 94)) ssl; protocol imap;
        ssl_certificate $S/rsa.pem; ssl_certificate_key $S/rsa.key;
    }
}
EOF
}
declare -A BASE=([postern]=24100 [nginx]=24200 [dovecot]=24300) MASTER=()
[ -s "$S/dp/run/master.pid" ] && MASTER[dovecot]=$(tr -dc 0-9 <"$S/dp/run/master.pid")
conf postern 24100 >"$S/postern.conf"
conf nginx 24200 >"$S/nginx.conf"
"$POSTERN" -p "$S/" -c "$S/postern.conf" -e "$S/postern-startup.log" -g 'daemon off;' >"$S/postern.out" 2>&1 &
MASTER[postern]=$! && PIDS+=($!)
"$NGINX" -p "$S/" -c "$S/nginx.conf" -e "$S/nginx-startup.log" -g 'daemon off;' >"$S/nginx.out" 2>&1 &
MASTER[nginx]=$! && PIDS+=($!)
for who in postern nginx; do
	for o in 43 44 10 25 93 94; do
		wait_port $((BASE[$who] + o)) || { cat "$S/$who.out" "$S/$who-startup.log" "$S/$who-error.log" 2>/dev/null; exit 1; }
	done
done

watch_pids() { # the master and its children, comma-separated
	local m=${MASTER[$1]}
	echo "$m$(pgrep -P "$m" | sed 's/^/,/' | tr -d '\n')"
}

fresh_workers() { # proxy: SIGHUP, then wait for a new worker and the old one's exit
	local m=${MASTER[$1]} old new
	old=$(pgrep -P "$m" | sort)
	kill -HUP "$m"
	for _ in $(seq 100); do
		sleep 0.1
		new=$(pgrep -P "$m" | sort)
		[ -n "$new" ] && [ -z "$(comm -12 <(echo "$old") <(echo "$new"))" ] && return 0
	done
	echo "bench: $1 did not replace its worker after SIGHUP" >&2
}

run_one() { # proxy workload round
	local who=$1 w=$2 r=$3 b=${BASE[$1]} args
	case $w in
		imap) args=(--mode imap --port $((b + 43)) --sessions "$SESSIONS") ;;
		imap-keepalive) args=(--mode imap --port $((b + 44)) --sessions "$SESSIONS") ;;
		pop3) args=(--mode pop3 --port $((b + 10)) --sessions "$SESSIONS") ;;
		smtp) args=(--mode smtp --port $((b + 25)) --sessions "$SESSIONS") ;;
		imaps-ec-full) args=(--mode imap --port $((b + 93)) --tls full --sessions "$TLS_SESSIONS") ;;
		imaps-ec-resume) args=(--mode imap --port $((b + 93)) --tls resume --sessions "$TLS_SESSIONS") ;;
		imaps-rsa-full) args=(--mode imap --port $((b + 94)) --tls full --sessions "$TLS_SESSIONS") ;;
		imaps-rsa-resume) args=(--mode imap --port $((b + 94)) --tls resume --sessions "$TLS_SESSIONS") ;;
		fetch) args=(--mode fetch --port $((b + 43)) --sessions "$FETCHES" --concurrency 1) ;;
		idle) args=(--mode idle --port $((b + 43)) --sessions "$IDLE" --concurrency 50 --hold "${BENCH_HOLD:-2}") ;;
		idle-tls) args=(--mode idle --port $((b + 93)) --tls full --sessions "$IDLE" --concurrency 50 --hold "${BENCH_HOLD:-2}") ;;
		*) echo "bench: unknown workload $w"; return 1 ;;
	esac
	local line
	line=$("$LOADGEN" "${args[@]}" --max-seconds 300 --watch "$(watch_pids "$who")" 2>>"$S/loadgen.err")
	[ -n "$line" ] || line='{"failed":-1}'
	printf '{"proxy":"%s","workload":"%s","round":%d,"result":%s}\n' "$who" "$w" "$r" "$line" >>"$OUT/raw.jsonl"
	echo "bench: round $r $w $who: $line" >&2
}

if [ "${BENCH_SERVE:-0}" = 1 ]; then
	# For profiling by hand: everything up, until this script gets SIGTERM.
	echo "bench: serving from $S; postern ${MASTER[postern]} (ports 241xx), nginx ${MASTER[nginx]} (242xx); kill $$ to stop"
	sleep 86400 &
	PIDS+=($!)
	wait $!
	exit 0
fi

: >"$OUT/raw.jsonl"
for r in $(seq "$ROUNDS"); do
	for w in $WORKLOADS; do
		# Alternate who goes first, so a drift in the machine's load favours neither.
		if [ $((r % 2)) = 1 ]; then order="postern nginx"; else order="nginx postern"; fi
		# The bulk relay is also measured through Dovecot's own proxy.
		[ "$w" = fetch ] && [ -n "${MASTER[dovecot]:-}" ] && order+=" dovecot"
		for who in $order; do
			# Idle memory is measured from a fresh worker, so that memory an
			# earlier workload freed but kept cannot hide a session's cost.
			case $w in idle*) fresh_workers "$who" ;; esac
			run_one "$who" "$w" "$r"
			# Let idle sessions' closes and Dovecot's processes settle.
			case $w in idle*) sleep 2 ;; esac
		done
	done
done
# The scale run: BENCH_SCALE idle sessions at once (tests/bench/scale.sh); 0 leaves it out.
if [ "${BENCH_SCALE:-100000}" != 0 ]; then
	. "$HERE/scale.sh"
	scale_run
fi
[ -s "$S/loadgen.err" ] && { echo "bench: loadgen reported (first lines):"; head -20 "$S/loadgen.err"; }
python3 "$HERE/report.py" "$OUT/raw.jsonl" "$OUT/bench.json"
