#!/usr/bin/env bash
# tests/pcap/make-captures.sh POSTERN [NAME...] - make the captures of
# tests/pcap again (all of them, or those named): real clients and raw byte
# streams against the real binary in front of a real Dovecot and Postfix,
# one session per capture, recorded on loopback.
#
# Starts, all on 127.0.0.1 and with every file in one temp dir:
#   Dovecot   IMAP 23501, POP3 23502       tests/e2e/servers.sh (users
#   Postfix   SMTP 23503                   alice/alice-pw, bob/"b ob%pw")
#   authd.py  auth_http 23510/auth         routes to the servers above
#             auth_http 23511/auth         routes to 23597-23599: nothing there
#   postern   the servers of the table below (server), 23520-23549: plain,
#             STARTTLS, implicit TLS, smtp_auth none, smtp_greeting_delay
# and for each capture of the table after it (cap): dumpcap on lo (pcap
# format, snap length 16 KiB, only tcp portrange 23500-23599), the client
# (curl, Python's imaplib/poplib/smtplib, swaks, openssl s_client, or a
# scenario of tests/pcap/clients.py), a wait until none of those ports has a
# connection left open, then dumpcap is stopped.  A capture is kept only if
# its client did what its scenario expects and ci/pcap2transcript can read
# it (the client's SYN is in it, no frame is cut short).  Whether the core
# agrees with what postern did is tests/pcap/replay.sh's question.
#
# Each capture NAME gives tests/pcap/NAME.pcap, NAME.meta (the sidecar
# ci/pcap2transcript reads: the client, the ports, the server{} directives as
# "@" lines of the transcript runner) and, for a TLS session whose client
# writes its secrets (Python's ssl, curl's SSLKEYLOGFILE, openssl's
# -keylogfile), NAME.keylog, so that the session can be replayed past the
# handshake.  The certificate is tests/certs/backend.pem (a throwaway test
# CA's): the secrets in the key logs protect nothing.
#
# Needs root (Dovecot and Postfix drop to their own users; dumpcap captures),
# dumpcap (Debian: tshark), and the packages of ci/deps.sh.  Every process is
# stopped by its PID at the end, also on a failure or an interrupt.  Prints
# one line per capture, "made NAME" or "FAIL NAME" with details indented;
# exits 1 if a capture failed.  Then `bash tests/pcap/replay.sh build`
# replays them all.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${1:?usage: tests/pcap/make-captures.sh POSTERN [NAME...]}
shift
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
ONLY=" $* "
. "$ROOT/tests/e2e/servers.sh"

# Ports: 23500-23599, every one of them captured (and no other).
DC_IMAP=23501 DC_POP3=23502 PF_SMTP=23503
AUTH_PORT=23510 AUTH_DOWN_PORT=23511
DOWN_IMAP=23597 DOWN_POP3=23598 DOWN_SMTP=23599
FILTER="tcp portrange 23500-23599"
SNAPLEN=16384
START_WAIT=10   # seconds for a server to accept, for dumpcap to open its file
SETTLE=10       # seconds for a session's connections to close
CLIENT_TIME=30  # seconds a client may take
PY=python3
CA=$ROOT/tests/certs/ca.pem

if [ "$(id -u)" != 0 ]; then
	echo "FAIL setup: needs root (Dovecot, Postfix and dumpcap)"
	exit 1
fi
for c in dumpcap curl swaks openssl ss dovecot postfix $PY; do
	command -v "$c" >/dev/null || { echo "FAIL setup: $c is not installed (ci/deps.sh; dumpcap: tshark)"; exit 1; }
done

# ---- the servers postern runs (name port directive...) ---------------------------------------
# The directives go into postern's config as they are, and into each capture's
# sidecar as the runner's "@" lines: one text for both.
declare -A SRV_PORT SRV_CONF
SERVERS=()
server() { # name "port[ listen-parameter...]" directive...
	local name=$1 port=${2%% *} listen=$2
	shift 2
	SRV_PORT[$name]=$port
	SRV_CONF[$name]=$(printf '%s\n' "listen 127.0.0.1:$listen;" "$@")
	SERVERS+=("$name")
}
A="auth_http 127.0.0.1:$AUTH_PORT/auth;"
TLS=("starttls on;" "ssl_certificate cert.pem;" "ssl_certificate_key key.pem;")
server imap       23520 "protocol imap;" "$A" "imap_auth plain login cram-md5;"
server imap-tls   23521 "protocol imap;" "$A" "${TLS[@]}"
server imap-down  23522 "protocol imap;" "auth_http 127.0.0.1:$AUTH_DOWN_PORT/auth;"
server imaps      "23523 ssl" "protocol imap;" "$A" "${TLS[@]:1}"
server pop3       23530 "protocol pop3;" "$A" "pop3_auth plain apop cram-md5;"
server pop3-tls   23531 "protocol pop3;" "$A" "${TLS[@]}"
server smtp       23540 "protocol smtp;" "$A" "xclient on;" "smtp_auth plain login cram-md5;"
server smtp-none  23541 "protocol smtp;" "$A" "xclient on;" "smtp_auth none;"
server smtp-tls   23542 "protocol smtp;" "$A" "xclient on;" "smtp_auth plain login;" "${TLS[@]}"
server smtp-delay 23543 "protocol smtp;" "$A" "xclient on;" "smtp_auth plain login;" "smtp_greeting_delay 1s;"
server smtps      "23544 ssl" "protocol smtp;" "$A" "xclient on;" "smtp_auth plain login;" "${TLS[@]:1}"

# ---- the captures (name server client command) -----------------------------------------------
# The command runs in bash with PORT (postern's), KEYLOG (where a TLS client
# writes its secrets; SSLKEYLOGFILE for curl), CA and MSG (a message file) set.
CAP_NAME=() CAP_SRV=() CAP_CLIENT=() CAP_CMD=()
cap() { CAP_NAME+=("$1"); CAP_SRV+=("$2"); CAP_CLIENT+=("$3"); CAP_CMD+=("$4"); }
CL="$PY $HERE/clients.py"
CURL="curl -sS --max-time 10"
SWAKS="swaks --server 127.0.0.1 --port \$PORT --helo client.example.test --from alice@example.test --to bob@example.test --timeout 10 --data @\$MSG"
OPENSSL='openssl s_client -connect 127.0.0.1:$PORT -quiet -nocommands -keylogfile $KEYLOG -verify_return_error -CAfile $CA -verify_hostname backend.example.test'
talk() { # line...: a command writing them (CRLF-ended) slowly, once the handshake is over
	local s="sleep 1" l
	for l in "$@"; do s+="; printf '%s\\r\\n' '$l'; sleep 0.5"; done
	printf '(%s; sleep 1)' "$s"
}

cap imap-curl-cram-md5        imap "curl 7.88, its first choice of mechanism (CRAM-MD5)" \
	"$CURL --url imap://127.0.0.1:\$PORT/ --user alice:alice-pw"
cap imap-curl-plain           imap "curl 7.88, --login-options AUTH=PLAIN (SASL-IR)" \
	"$CURL --url imap://127.0.0.1:\$PORT/ --user alice:alice-pw --login-options AUTH=PLAIN"
cap imap-curl-login           imap "curl 7.88, --login-options AUTH=LOGIN, bob's password with a space and a %" \
	"$CURL --url imap://127.0.0.1:\$PORT/ --user 'bob:b ob%pw' --login-options AUTH=LOGIN"
cap imap-imaplib-login        imap "Python imaplib: LOGIN, SELECT, LOGOUT" "$CL imaplib-login \$PORT"
cap imap-imaplib-login-quoted imap "Python imaplib: LOGIN with a quoted password" "$CL imaplib-login-quoted \$PORT"
cap imap-imaplib-plain        imap "Python imaplib: AUTHENTICATE PLAIN" "$CL imaplib-authenticate-plain \$PORT"
cap imap-imaplib-cram-md5     imap "Python imaplib: AUTHENTICATE CRAM-MD5" "$CL imaplib-cram-md5 \$PORT"
cap imap-imaplib-bad-password imap "Python imaplib: LOGIN with a wrong password" "$CL imaplib-bad-password \$PORT"
cap imap-imaplib-auth-wait    imap "Python imaplib: Auth-Wait 1, then the right password" "$CL imaplib-auth-wait \$PORT"
cap imap-raw-pipelined        imap "raw: CAPABILITY, NOOP and LOGIN in one packet" "$CL imap-raw-pipelined \$PORT"
cap imap-raw-bare-lf          imap "raw: commands ended by a bare LF" "$CL imap-raw-bare-lf \$PORT"
cap imap-raw-overlong         imap "raw: a 5000-byte LOGIN line (imap_client_buffer 4k)" "$CL imap-raw-overlong \$PORT"
cap imap-raw-nul              imap "raw: NUL bytes in commands" "$CL imap-raw-nul \$PORT"
cap imap-raw-literal-login    imap "raw: LOGIN with synchronizing literals" "$CL imap-raw-literal-login \$PORT"
cap imap-raw-literal-abuse    imap "raw: literals of 99999999999 bytes and of 4 GiB, {5+} ending an invalid command" \
	"$CL imap-raw-literal-abuse \$PORT"
cap imap-raw-junk-first       imap "raw: TLS and HTTP bytes at once, the greeting unread (max_errors closes)" "$CL imap-raw-junk-first \$PORT"
cap imap-raw-max-errors       imap "raw: invalid commands until max_errors (5) closes" "$CL imap-raw-max-errors \$PORT"
cap imap-raw-bad-base64       imap "raw: AUTHENTICATE PLAIN with broken base64, then a cancel" "$CL imap-raw-bad-base64 \$PORT"
cap imap-imaplib-starttls     imap-tls "Python imaplib: STARTTLS, LOGIN (secrets logged)" "$CL imaplib-starttls \$PORT"
cap imap-curl-starttls        imap-tls "curl 7.88 --ssl-reqd: STARTTLS, AUTHENTICATE PLAIN (SSLKEYLOGFILE)" \
	"$CURL --ssl-reqd --cacert \$CA --connect-to backend.example.test:\$PORT:127.0.0.1:\$PORT --url imap://backend.example.test:\$PORT/ --user alice:alice-pw"
cap imap-openssl-starttls     imap-tls "openssl s_client -starttls imap (-keylogfile), LOGIN, LOGOUT" \
	"$(talk 'a1 LOGIN alice alice-pw' 'a2 LOGOUT') | $OPENSSL -starttls imap"
cap imap-raw-starttls-injection imap-tls "raw: LOGIN pipelined after STARTTLS in one packet, then TLS and LOGIN" \
	"$CL imap-raw-starttls-injection \$PORT"
cap imap-imaplib-ssl         imaps "Python imaplib: IMAP4_SSL (implicit TLS, secrets logged), LOGIN" "$CL imaplib-ssl \$PORT"
cap imap-imaplib-backend-down imap-down "Python imaplib: LOGIN, the backend refuses the connection" \
	"$CL imaplib-backend-down \$PORT"

cap pop3-curl                 pop3 "curl 7.88, its first choice of mechanism" \
	"$CURL --url pop3://127.0.0.1:\$PORT/ --user alice:alice-pw"
cap pop3-curl-apop            pop3 "curl 7.88, --login-options AUTH=+APOP" \
	"$CURL --url pop3://127.0.0.1:\$PORT/ --user alice:alice-pw --login-options AUTH=+APOP"
cap pop3-poplib-user-pass     pop3 "Python poplib: USER, PASS, STAT, QUIT" "$CL poplib-user-pass \$PORT"
cap pop3-poplib-apop          pop3 "Python poplib: APOP" "$CL poplib-apop \$PORT"
cap pop3-poplib-bad-password  pop3 "Python poplib: USER, PASS with a wrong password" "$CL poplib-bad-password \$PORT"
cap pop3-raw-auth-plain       pop3 "raw: CAPA, AUTH PLAIN with an initial response" "$CL pop3-raw-auth-plain \$PORT"
cap pop3-raw-auth-login       pop3 "raw: AUTH LOGIN" "$CL pop3-raw-auth-login \$PORT"
cap pop3-raw-cram-md5         pop3 "raw: AUTH CRAM-MD5" "$CL pop3-raw-cram-md5 \$PORT"
cap pop3-raw-overlong         pop3 "raw: a 205-byte PASS line (the 128-byte POP3 buffer)" "$CL pop3-raw-overlong \$PORT"
cap pop3-raw-max-errors       pop3 "raw: invalid commands until max_errors (5) closes" "$CL pop3-raw-max-errors \$PORT"
cap pop3-poplib-stls          pop3-tls "Python poplib: STLS, USER, PASS (secrets logged)" "$CL poplib-stls \$PORT"
cap pop3-openssl-stls         pop3-tls "openssl s_client -starttls pop3 (-keylogfile), USER, PASS, QUIT" \
	"$(talk 'USER alice' 'PASS alice-pw' 'QUIT') | $OPENSSL -starttls pop3"
cap pop3-raw-stls-injection   pop3-tls "raw: USER and PASS pipelined after STLS in one packet, then TLS and a login" \
	"$CL pop3-raw-stls-injection \$PORT"

cap smtp-curl-cram-md5        smtp "curl 7.88, its first choice of mechanism (CRAM-MD5), a message" \
	"$CURL --url smtp://127.0.0.1:\$PORT --user alice:alice-pw --mail-from alice@example.test --mail-rcpt bob@example.test --upload-file \$MSG"
cap smtp-smtplib-plain        smtp "Python smtplib: AUTH PLAIN with an initial response, a message" "$CL smtplib-plain \$PORT"
cap smtp-smtplib-login        smtp "Python smtplib: AUTH LOGIN, a message" "$CL smtplib-login \$PORT"
cap smtp-smtplib-cram-md5     smtp "Python smtplib: login() (CRAM-MD5), a message" "$CL smtplib-cram-md5 \$PORT"
cap smtp-smtplib-bad-password smtp "Python smtplib: AUTH PLAIN with a wrong password" "$CL smtplib-bad-password \$PORT"
cap smtp-swaks-plain          smtp "swaks --auth PLAIN, a message" "$SWAKS --auth PLAIN --auth-user alice --auth-password alice-pw"
cap smtp-swaks-login          smtp "swaks --auth LOGIN, a message, bob's password with a space and a %" \
	"$SWAKS --auth LOGIN --auth-user bob --auth-password 'b ob%pw'"
cap smtp-raw-auth-required    smtp "raw: HELO, MAIL and RCPT before AUTH, then AUTH PLAIN" "$CL smtp-raw-auth-required \$PORT"
cap smtp-raw-bad-base64       smtp "raw: AUTH PLAIN and AUTH LOGIN with broken base64, a cancel" "$CL smtp-raw-bad-base64 \$PORT"
cap smtp-raw-max-errors       smtp "raw: invalid commands until max_errors (5) closes" "$CL smtp-raw-max-errors \$PORT"
cap smtp-raw-overlong         smtp "raw: a 5005-byte EHLO line (smtp_client_buffer 4k)" "$CL smtp-raw-overlong \$PORT"
cap smtp-raw-nul              smtp "raw: NULs in EHLO and HELO, CR LF inside AUTH PLAIN credentials" "$CL smtp-raw-nul \$PORT"
cap smtp-none-smtplib         smtp-none "Python smtplib: no AUTH (smtp_auth none), a message" "$CL smtplib-none \$PORT"
cap smtp-none-swaks           smtp-none "swaks without AUTH (smtp_auth none), a message" "$SWAKS"
cap smtp-curl-starttls        smtp-tls "curl 7.88 --ssl-reqd, no secrets logged: the replay stops at TLS" \
	"SSLKEYLOGFILE= $CURL --ssl-reqd --cacert \$CA --connect-to backend.example.test:\$PORT:127.0.0.1:\$PORT --url smtp://backend.example.test:\$PORT --user alice:alice-pw --mail-from alice@example.test --mail-rcpt bob@example.test --upload-file \$MSG"
cap smtp-openssl-starttls     smtp-tls "openssl s_client -starttls smtp (-keylogfile), EHLO, AUTH PLAIN, QUIT" \
	"$(talk 'EHLO client.example.test' 'AUTH PLAIN AGFsaWNlAGFsaWNlLXB3' 'QUIT') | $OPENSSL -starttls smtp -name client.example.test"
cap smtp-raw-starttls-injection smtp-tls "raw: AUTH pipelined after STARTTLS in one packet, then TLS, EHLO, AUTH" \
	"$CL smtp-raw-starttls-injection \$PORT"
cap smtp-smtplib-ssl         smtps "Python smtplib: SMTP_SSL (implicit TLS, secrets logged), login(), a message" \
	"$CL smtplib-ssl \$PORT"
cap smtp-swaks-greeting-delay smtp-delay "swaks --auth LOGIN, waiting out smtp_greeting_delay 1s" \
	"$SWAKS --auth LOGIN --auth-user alice --auth-password alice-pw"
cap smtp-raw-early-talker     smtp-delay "raw: EHLO before the greeting (smtp_greeting_delay 1s)" "$CL smtp-raw-early-talker \$PORT"

# ---- state, and stopping everything --------------------------------------------------------
S=$(mktemp -d /tmp/postern-pcap.XXXXXX) || exit 1
chmod 755 "$S"
PID_POSTERN="" PID_AUTHD="" PID_AUTHD_DOWN="" PID_DUMPCAP="" CLEANED=0

stop_pid() { # pid [signal]: signal (TERM), wait up to 5 s, then KILL
	local pid=$1 sig=${2:-TERM} i
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
	kill "-$sig" "$pid" 2>/dev/null
	for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}
cleanup() {
	[ "$CLEANED" = 1 ] && return
	CLEANED=1
	trap '' INT TERM
	local kids c
	stop_pid "$PID_DUMPCAP" INT
	if [ -n "$PID_POSTERN" ]; then
		kids=$(pgrep -P "$PID_POSTERN" | tr '\n' ' ')
		stop_pid "$PID_POSTERN"
		for c in $kids; do stop_pid "$c"; done
	fi
	stop_pid "$PID_AUTHD"
	stop_pid "$PID_AUTHD_DOWN"
	servers_stop
	rm -rf "$S"
}
trap cleanup EXIT
trap 'echo "FAIL interrupted"; exit 130' INT
trap 'echo "FAIL interrupted"; exit 143' TERM

port_open() {
	$PY -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 0.5)" "$1" 2>/dev/null
}
wait_port() { # port: 0 once it accepts, within START_WAIT
	local i
	for i in $(seq $((START_WAIT * 10))); do port_open "$1" && return 0; sleep 0.1; done
	return 1
}
open_conns() { # connections (not listening, not in TIME-WAIT) on the captured ports
	ss -Htan | awk '$1 != "LISTEN" && $1 != "TIME-WAIT" && ($4 ~ /:235[0-9][0-9]$/ || $5 ~ /:235[0-9][0-9]$/)'
}

busy=""
for p in $DC_IMAP $DC_POP3 $PF_SMTP $AUTH_PORT $AUTH_DOWN_PORT $DOWN_IMAP $DOWN_POP3 $DOWN_SMTP; do
	port_open "$p" && busy+=" $p"
done
for n in "${SERVERS[@]}"; do port_open "${SRV_PORT[$n]}" && busy+=" ${SRV_PORT[$n]}"; done
if [ -n "$busy" ]; then
	echo "FAIL setup: 127.0.0.1:$busy already in use: nothing started"
	exit 1
fi

# ---- the servers ---------------------------------------------------------------------------
servers_start
$PY "$ROOT/tests/e2e/authd.py" --port $AUTH_PORT --log "$S/auth.log" \
	--imap $DC_IMAP --pop3 $DC_POP3 --smtp $PF_SMTP >"$S/authd.out" 2>&1 &
PID_AUTHD=$!
$PY "$ROOT/tests/e2e/authd.py" --port $AUTH_DOWN_PORT --log "$S/auth-down.log" \
	--imap $DOWN_IMAP --pop3 $DOWN_POP3 --smtp $DOWN_SMTP >"$S/authd-down.out" 2>&1 &
PID_AUTHD_DOWN=$!
cp "$ROOT/tests/certs/backend.pem" "$S/cert.pem"
cp "$ROOT/tests/certs/backend.key" "$S/key.pem"
printf 'From: alice@example.test\r\nTo: bob@example.test\r\nSubject: capture\r\n\r\nsent through postern for tests/pcap\r\n' >"$S/msg.txt"
{
	echo "# made by tests/pcap/make-captures.sh"
	echo "daemon off;"
	echo "worker_processes 1;"
	echo "pid $S/postern.pid;"
	echo "error_log $S/postern.log info;"
	echo "events { }"
	echo "mail {"
	echo "    server_name mail.example.test;"
	for n in "${SERVERS[@]}"; do
		echo "    server {   # $n"
		sed 's/^/        /' <<<"${SRV_CONF[$n]}"
		echo "    }"
	done
	echo "}"
} >"$S/postern.conf"

up=1
for p in $DC_IMAP $DC_POP3 $PF_SMTP $AUTH_PORT $AUTH_DOWN_PORT; do
	wait_port "$p" || { echo "FAIL setup: nothing accepts on 127.0.0.1:$p"; up=0; }
done
if [ "$up" = 1 ] && out=$("$BIN" -p "$S/" -t -c "$S/postern.conf" 2>&1); then
	"$BIN" -p "$S/" -c "$S/postern.conf" >"$S/postern.out" 2>&1 &
	PID_POSTERN=$!
	for n in "${SERVERS[@]}"; do
		wait_port "${SRV_PORT[$n]}" || { echo "FAIL setup: postern does not accept on ${SRV_PORT[$n]}"; up=0; }
	done
else
	[ "$up" = 1 ] && { echo "FAIL setup: postern -t"; sed 's/^/    /' <<<"$out"; }
	up=0
fi
[ "$up" = 1 ] || exit 1

# ---- one capture ---------------------------------------------------------------------------
made=0 failed=0
capture() { # name server client command
	local name=$1 srv=$2 client=$3 cmd=$4 port=${SRV_PORT[$2]} i rc
	local pcap=$S/$name.pcap keylog=$S/$name.keylog err=$S/$name.dumpcap
	rm -f "$pcap" "$keylog" "$err"
	dumpcap -q -i lo -P -s $SNAPLEN -f "$FILTER" -w "$pcap" 2>"$err" &
	PID_DUMPCAP=$!
	# "File:" comes once the interface is open and filtered ("Capturing on", before)
	for i in $(seq $((START_WAIT * 10))); do
		grep -q "^File: " "$err" 2>/dev/null && break
		kill -0 "$PID_DUMPCAP" 2>/dev/null || break
		sleep 0.1
	done
	if ! grep -q "^File: " "$err" 2>/dev/null; then
		stop_pid "$PID_DUMPCAP" INT; PID_DUMPCAP=""
		echo "FAIL $name"
		echo "    dumpcap did not open its file within ${START_WAIT}s"
		sed 's/^/    dumpcap: /' "$err"
		failed=$((failed + 1))
		return
	fi
	PORT=$port KEYLOG=$keylog SSLKEYLOGFILE=$keylog CA=$CA MSG=$S/msg.txt \
		timeout "$CLIENT_TIME" bash -c "$cmd" </dev/null >"$S/$name.out" 2>&1
	rc=$?
	for i in $(seq $((SETTLE * 10))); do
		[ -z "$(open_conns)" ] && break
		sleep 0.1
	done
	sleep 0.3
	stop_pid "$PID_DUMPCAP" INT
	PID_DUMPCAP=""
	if [ "$rc" != 0 ] || [ -n "$(open_conns)" ] || [ ! -s "$pcap" ]; then
		echo "FAIL $name"
		echo "    client exited with status $rc: $cmd"
		[ -n "$(open_conns)" ] && open_conns | sed 's/^/    still open: /'
		tail -n 15 "$S/$name.out" | sed 's/^/    /'
		tail -n 5 "$S/postern.log" | sed 's/^/    log: /'
		failed=$((failed + 1))
		return
	fi
	{
		echo "# tests/pcap/$name.pcap, made by tests/pcap/make-captures.sh; read by ci/pcap2transcript."
		echo "client: $client"
		echo "proxy-port: $port"
		echo "auth-port: $AUTH_PORT $AUTH_DOWN_PORT"
		echo "backend-port: $DC_IMAP $DC_POP3 $PF_SMTP $DOWN_IMAP $DOWN_POP3 $DOWN_SMTP"
		sed 's/^/@ /' <<<"${SRV_CONF[$srv]}"
	} >"$S/$name.meta"
	# The whole session must be there: a capture the converter cannot read is not kept.
	if command -v tshark >/dev/null &&
		! out=$("$ROOT/ci/pcap2transcript" --meta "$S/$name.meta" --keylog "$keylog" "$pcap" 2>&1 >/dev/null); then
		echo "FAIL $name"
		echo "    $out"
		failed=$((failed + 1))
		return
	fi
	install -m 644 "$pcap" "$HERE/$name.pcap"
	install -m 644 "$S/$name.meta" "$HERE/$name.meta"
	if [ -s "$keylog" ]; then install -m 644 "$keylog" "$HERE/$name.keylog"; else rm -f "$HERE/$name.keylog"; fi
	echo "made $name ($(stat -c %s "$HERE/$name.pcap") bytes$([ -s "$keylog" ] && echo ", with TLS secrets"))"
	made=$((made + 1))
}

for i in "${!CAP_NAME[@]}"; do
	name=${CAP_NAME[$i]}
	[ "$ONLY" = "  " ] || [[ "$ONLY" == *" $name "* ]] || continue
	capture "$name" "${CAP_SRV[$i]}" "${CAP_CLIENT[$i]}" "${CAP_CMD[$i]}"
done
echo "$made made, $failed failed"
[ "$failed" = 0 ]
