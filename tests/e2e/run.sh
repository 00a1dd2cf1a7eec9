#!/usr/bin/env bash
# tests/e2e/run.sh POSTERN_BINARY - end-to-end tests against real mail servers.
#
# Starts, all on 127.0.0.1 and with every file in one temp dir:
#   Dovecot   IMAP 21143, POP3 21110   users alice/alice-pw, bob/"b ob%pw";
#             IMAPS 21993, POP3S 21995 TLS with tests/certs/backend.pem
#                                       (backend.example.test), also STARTTLS
#                                       on 21143/21110; ManageSieve 21190
#   Postfix   SMTP 21025               XCLIENT from 127.0.0.1, virtual delivery
#                                       into the maildirs Dovecot serves;
#                                       STARTTLS with backend.pem
#   authd.py  auth_http 21900/auth     logs every request it gets
#   postern   IMAP 22143, POP3 22110, SMTP 22025 (AUTH), SMTP 22026 (smtp_auth none),
#             IMAP 22144 and SMTP 22027 with "listen ... proxy_protocol" and
#             set_real_ip_from 127.0.0.1, and IMAP 22145, POP3 22111, SMTP 22028
#             with auth_file (users in the temp dir: alice with a yescrypt hash,
#             bob as {PLAIN}), which send no request to authd.py;
#             with TLS (a self-signed RSA-2048 certificate for mail.example.test
#             made here, ssl_protocols TLSv1.2): IMAPS 22993 (listen ... ssl),
#             IMAP 22146 (starttls on), POP3S 22995, POP3 22112 (starttls on),
#             SMTPS 22465 and SMTP 22587 (starttls only); IMAPS 22993 keeps
#             sessions for resumption (ssl_session_cache shared:E2E:1m);
#             with TLS toward the backend (proxy_ssl, postern only, checked
#             with tests/certs/ca.pem and the name backend.example.test):
#             IMAP 22147 (proxy_ssl on, to Dovecot's IMAPS), POP3 22113 and
#             SMTP 22029 (proxy_ssl starttls), IMAP 22148 (proxy_ssl on with
#             a name the certificate does not hold: every login fails);
#             ManageSieve 22190 and 22191 (starttls on), postern only
#   HAProxy   IMAP 23143 -> 22144, SMTP 23025 -> 22027, with send-proxy-v2
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
#                 auth_file is postern's own (nginx has no such directive): in
#                 this mode its three servers are left out of the config and
#                 their checks (setup-auth-file, auth-file-*) are not run, and
#                 print nothing, neither PASS nor FAIL.  The same goes for
#                 proxy_ssl (TLS toward the backend, also postern's own): its
#                 four servers and its checks (btls-*).  This mode is a
#                 comparison run against nginx, not a test of postern.
#                 The TLS checks (tls-*) run against nginx too, the STARTTLS
#                 injection ones (tls-*-starttls-injection) included: nginx
#                 1.22 also discards what follows STARTTLS in the same packet.
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
AUTH_FILE=1   # the auth_file servers and their checks: postern only
PROXY_SSL=1   # the proxy_ssl servers (TLS toward the backend) and their checks: postern only
OAUTH=1       # the XOAUTH2/OAUTHBEARER and proxy_imap_id servers and their checks: postern only
              # (nginx 1.22 has neither, nor ID)
SIEVE=1       # protocol sieve (ManageSieve): postern only, nginx has no such module
[ "$NGINX" = 1 ] && AUTH_FILE=0 PROXY_SSL=0 OAUTH=0 SIEVE=0

# Ports: backends 21xxx, proxy 22xxx, HAProxy 23xxx, auth service 21900.
DC_IMAP=21143 DC_POP3=21110 PF_SMTP=21025 AUTH_PORT=21900
DC_IMAPS=21993 DC_POP3S=21995                      # Dovecot's implicit TLS (servers.sh)
PX_IMAP=22143 PX_POP3=22110 PX_SMTP=22025 PX_SMTP_NOAUTH=22026
PX_IMAP_PP=22144 PX_SMTP_PP=22027                  # listen ... proxy_protocol
PX_IMAP_AF=22145 PX_POP3_AF=22111 PX_SMTP_AF=22028 # auth_file (postern only)
HA_IMAP=23143 HA_SMTP=23025                        # HAProxy, send-proxy-v2 to the _PP ports
PX_IMAPS=22993 PX_IMAP_STLS=22146                  # TLS: implicit, starttls on
PX_POP3S=22995 PX_POP3_STLS=22112                  # TLS: implicit, starttls on
PX_SMTPS=22465 PX_SMTP_STLS=22587                  # TLS: implicit, starttls only
PX_IMAPS_CC=22994 PX_SMTP_CC=22588                 # client certificates: on, optional
PX_IMAP_BTLS=22147 PX_POP3_BTLS=22113 PX_SMTP_BTLS=22029 # proxy_ssl on, starttls, starttls
PX_IMAPS_SNI=22996                                 # two certificates, chosen by SNI
PX_IMAP_BTLS_BADNAME=22148                         # proxy_ssl on, a wrong proxy_ssl_name
PX_IMAP_OAUTH=22149 PX_POP3_OAUTH=22114 PX_SMTP_OAUTH=22030 # xoauth2 oauthbearer (postern only)
PX_IMAP_ID=22150                                   # proxy_imap_id on (postern only)
DC_SIEVE=21190 PX_SIEVE=22190 PX_SIEVE_STLS=22191  # ManageSieve: Dovecot, postern (plain, starttls on)
PX_SIEVE_AF=22192                                  # ManageSieve with auth_file (postern only)
PX_IMAP_LIM=22159 PX_STATUS=22919                  # limit_* and status_listen (postern only)
CERTS=$(cd "$HERE/../certs" && pwd)                # their CA and clients (tests/certs/mk.sh)
# The proxy's listening ports: all of them are waited for, and must be closed after SIGTERM.
PX_PORTS="$PX_IMAP $PX_POP3 $PX_SMTP $PX_SMTP_NOAUTH $PX_IMAP_PP $PX_SMTP_PP"
PX_PORTS+=" $PX_IMAPS $PX_IMAP_STLS $PX_POP3S $PX_POP3_STLS $PX_SMTPS $PX_SMTP_STLS"
PX_PORTS+=" $PX_IMAPS_CC $PX_SMTP_CC"
[ "$AUTH_FILE" = 1 ] && PX_PORTS+=" $PX_IMAP_AF $PX_POP3_AF $PX_SMTP_AF"
[ "$OAUTH" = 1 ] && PX_PORTS+=" $PX_IMAP_OAUTH $PX_POP3_OAUTH $PX_SMTP_OAUTH $PX_IMAP_ID"
[ "$SIEVE" = 1 ] && PX_PORTS+=" $PX_SIEVE $PX_SIEVE_STLS"
[ "$SIEVE" = 1 ] && [ "$AUTH_FILE" = 1 ] && PX_PORTS+=" $PX_SIEVE_AF"
[ "$PROXY_SSL" = 1 ] && PX_PORTS+=" $PX_IMAP_BTLS $PX_POP3_BTLS $PX_SMTP_BTLS $PX_IMAP_BTLS_BADNAME $PX_IMAPS_SNI"
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

PIDS_POSTERN="" PID_AUTHD="" PID_HAPROXY="" PID_CHECKS="" PID_CERT="" CLEANED=0

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
	stop_pid "$PID_CERT"
	stop_pid "$PID_HAPROXY"
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

open_ports() { # port...: those of them that accept a connection on 127.0.0.1, one a line
	$PY - "$@" <<'P' 2>/dev/null
import socket, sys
for p in sys.argv[1:]:
    s = socket.socket(); s.settimeout(1)
    try:
        s.connect(("127.0.0.1", int(p)))
        print(p)
    except OSError:
        pass
    finally:
        s.close()
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

wait_proxy() { # pid: 0 once every port of PX_PORTS accepts; 1 on a timeout or its death
	local pid=$1 i end=$((SECONDS + START_WAIT)) want
	want=$(wc -w <<<"$PX_PORTS")
	for i in $(seq $((START_WAIT * 10))); do
		[ "$(open_ports $PX_PORTS | wc -l)" = "$want" ] && return 0
		[ "$SECONDS" -lt "$end" ] || return 1
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# Leftovers of an earlier run would answer in place of ours.
busy=$(open_ports $DC_IMAP $DC_POP3 $DC_IMAPS $DC_POP3S $PF_SMTP $AUTH_PORT $PX_PORTS $HA_IMAP $HA_SMTP | sed 's/^/ /' | tr -d '\n')
if [ -n "$busy" ]; then
	fail setup-ports-free "already in use on 127.0.0.1:$busy (a leftover run, or another one going on?)" \
		"nothing was started: the checks would talk to servers that are not ours"
	exit 0
fi
if [ "$NGINX" = 1 ] && [ ! -e /usr/lib/nginx/modules/ngx_mail_module.so ]; then
	fail setup-nginx "E2E_NGINX=1 needs nginx's mail module: E2E_NGINX=1 bash ci/deps.sh installs it"
	exit 0
fi
if ! command -v haproxy >/dev/null; then
	fail setup-haproxy "haproxy is not installed: bash ci/deps.sh installs it"
	exit 0
fi

# ---- the TLS certificate: self-signed RSA-2048 for mail.example.test ----------------------
# Made while the servers start (it takes a few hundred ms); waited for before postern -t.
TLS_CERT=$S/tls-cert.pem TLS_KEY=$S/tls-key.pem
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$TLS_KEY" -out "$TLS_CERT" \
	-subj /CN=mail.example.test -addext subjectAltName=DNS:mail.example.test \
	>"$S/tls-cert.out" 2>&1 9>&- &
PID_CERT=$!

servers_start

# ---- the auth_http service ----------------------------------------------------------------
AUTHLOG=$S/auth.log
: >"$AUTHLOG"
$PY "$HERE/authd.py" --port "$AUTH_PORT" --log "$AUTHLOG" \
	--imap "$DC_IMAP" --pop3 "$DC_POP3" --smtp "$PF_SMTP" --imaps "$DC_IMAPS" --pop3s "$DC_POP3S" \
	--sieve "$DC_SIEVE" \
	>"$S/authd.out" 2>&1 9>&- &
PID_AUTHD=$!

# ---- auth_file's users (postern only) -------------------------------------------------------
# alice with a yescrypt hash made by libcrypt (Python's crypt module is deprecated), bob as
# {PLAIN} so that CRAM-MD5 and APOP can be checked; their backends are Dovecot and Postfix.
AF_USERS=$S/af-users
if [ "$AUTH_FILE" = 1 ]; then
	if out=$($PY - "$AF_USERS" "$DC_IMAP" "$DC_POP3" "$PF_SMTP" "$DC_SIEVE" 2>&1 <<'P'
import ctypes, sys
path, imap, pop3, smtp, sieve = sys.argv[1:]
lc = ctypes.CDLL("libcrypt.so.1")
lc.crypt_gensalt.restype = ctypes.c_char_p
lc.crypt_gensalt.argtypes = [ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p, ctypes.c_int]
lc.crypt.restype = ctypes.c_char_p
lc.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
salt = lc.crypt_gensalt(b"$y$", 0, None, 0)
h = lc.crypt(b"alice-pw", salt) if salt else None
if not h or not h.startswith(b"$y$") or lc.crypt(b"alice-pw", h) != h or lc.crypt(b"alice-pwx", h) == h:
    sys.exit("libcrypt made no usable yescrypt hash: salt %r, hash %r" % (salt, h))
be = "imap=127.0.0.1:%s pop3=127.0.0.1:%s smtp=127.0.0.1:%s sieve=127.0.0.1:%s" % (imap, pop3, smtp, sieve)
with open(path, "w") as f:
    f.write("# made by tests/e2e/run.sh\n")
    f.write("alice:%s:%s\n" % (h.decode(), be))
    f.write("bob:{PLAIN}b ob%%pw:%s\n" % be)
P
	); then
		pass setup-auth-file
	else
		fail setup-auth-file "$out"
	fi
fi

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

    # For the servers with TLS.  postern speaks TLS 1.2 only; nginx's OpenSSL
    # would pick 1.3, and the checks expect 1.2 from both.
    ssl_certificate     $TLS_CERT;
    ssl_certificate_key $TLS_KEY;
    ssl_protocols       TLSv1.2;

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

    # Behind HAProxy: the PROXY header's source is the client when the peer
    # (HAProxy, from 127.0.0.1) is trusted.
    server {
        listen    127.0.0.1:$PX_IMAP_PP proxy_protocol;
        protocol  imap;
        set_real_ip_from 127.0.0.1;
    }

    server {
        listen    127.0.0.1:$PX_SMTP_PP proxy_protocol;
        protocol  smtp;
        xclient   on;
        smtp_auth plain login;
        set_real_ip_from 127.0.0.1;
    }

    # TLS with the client: implicit and STARTTLS for each protocol.  The
    # IMAPS one keeps sessions for resumption (tls-resume-*).
    server {
        listen    127.0.0.1:$PX_IMAPS ssl;
        protocol  imap;
        ssl_session_cache shared:E2E:1m;
    }

    server {
        listen    127.0.0.1:$PX_IMAP_STLS;
        protocol  imap;
        starttls  on;
    }

    server {
        listen    127.0.0.1:$PX_POP3S ssl;
        protocol  pop3;
    }

    server {
        listen    127.0.0.1:$PX_POP3_STLS;
        protocol  pop3;
        starttls  on;
    }

    server {
        listen    127.0.0.1:$PX_SMTPS ssl;
        protocol  smtp;
        xclient   on;
        smtp_auth plain login;
    }

    server {
        listen    127.0.0.1:$PX_SMTP_STLS;
        protocol  smtp;
        xclient   on;
        smtp_auth plain login;
        starttls  only;
    }

    # Client certificates: required over IMAPS, optional after SMTP STARTTLS.
    server {
        listen    127.0.0.1:$PX_IMAPS_CC ssl;
        protocol  imap;
        ssl_verify_client on;
        ssl_client_certificate $CERTS/ca.pem;
        auth_http_pass_client_cert on;
    }

    server {
        listen    127.0.0.1:$PX_SMTP_CC;
        protocol  smtp;
        xclient   on;
        smtp_auth plain login;
        starttls  on;
        ssl_verify_client optional;
        ssl_client_certificate $CERTS/ca.pem;
    }
EOF2
	[ "$AUTH_FILE" = 1 ] && cat <<EOF2

    # auth_file, not the mail-level auth_http: no request goes to authd.py.
    server {
        listen    127.0.0.1:$PX_IMAP_AF;
        protocol  imap;
        auth_file $AF_USERS;
        imap_auth plain cram-md5;
    }

    server {
        listen    127.0.0.1:$PX_POP3_AF;
        protocol  pop3;
        auth_file $AF_USERS;
        pop3_auth plain apop;
    }

    server {
        listen    127.0.0.1:$PX_SMTP_AF;
        protocol  smtp;
        auth_file $AF_USERS;
        xclient   on;
        smtp_auth plain login;   # no CRAM-MD5: alice's secret is a hash
    }
EOF2
	[ "$OAUTH" = 1 ] && cat <<EOF2

    # XOAUTH2 and OAUTHBEARER (postern extension, as freenginx): authd.py
    # takes alice's bearer tokens and answers a bad one with Auth-Error-SASL.
    # The IMAP server keeps the default 4k buffer (a 4 KB token does not
    # fit); the POP3 one raises its 128 bytes to 8k (it does).
    server {
        listen    127.0.0.1:$PX_IMAP_OAUTH;
        protocol  imap;
        imap_auth plain xoauth2 oauthbearer;
    }

    server {
        listen    127.0.0.1:$PX_POP3_OAUTH;
        protocol  pop3;
        pop3_auth plain xoauth2 oauthbearer;
        pop3_client_buffer 8k;
    }

    server {
        listen    127.0.0.1:$PX_SMTP_OAUTH;
        protocol  smtp;
        xclient   on;
        smtp_auth plain login xoauth2 oauthbearer;
    }

    # IMAP ID toward Dovecot (postern extension): Dovecot trusts 127.0.0.0/8
    # and logs the forwarded client address and ID fields (servers.sh).
    server {
        listen    127.0.0.1:$PX_IMAP_ID;
        protocol  imap;
        imap_capabilities IMAP4rev1 ID;
        proxy_imap_id on;
    }
EOF2
	[ "$SIEVE" = 1 ] && cat <<EOF2

    # ManageSieve (RFC 5804, postern extension) in front of Dovecot's: its
    # extensions listed as Dovecot 2.3 announces them (sieve_capabilities).
    server {
        listen    127.0.0.1:$PX_SIEVE;
        protocol  sieve;
        sieve_auth plain login;
        sieve_capabilities '"SIEVE" "fileinto reject envelope encoded-character vacation subaddress comparator-i;ascii-numeric relational regex imap4flags copy include variables body enotify environment mailbox date index ihave duplicate mime foreverypart extracttext"';
    }

    server {
        listen    127.0.0.1:$PX_SIEVE_STLS;
        protocol  sieve;
        starttls  on;
    }
EOF2
	[ "$SIEVE" = 1 ] && [ "$AUTH_FILE" = 1 ] && cat <<EOF2

    # ManageSieve with auth_file: the users' sieve= backend is Dovecot's.
    server {
        listen    127.0.0.1:$PX_SIEVE_AF;
        protocol  sieve;
        auth_file $AF_USERS;
    }
EOF2
	[ "$PROXY_SSL" = 1 ] && cat <<EOF2

    # TLS toward the backend (proxy_ssl): Dovecot and Postfix present
    # backend.example.test, signed by tests/certs/ca.pem.  "X-E2E-Backend: tls"
    # has authd.py answer with Dovecot's implicit-TLS port.  proxy_timeout 5s:
    # a relayed session over backend TLS was once seen to outlive its client
    # (btls-session-ends-after-backend-close covers the known case); a short
    # timeout keeps any such session from holding the SIGHUP check's old
    # worker for the default 24h.  The checks' sessions are never idle 5s.
    server {
        listen    127.0.0.1:$PX_IMAP_BTLS;
        protocol  imap;
        auth_http_header X-E2E-Backend tls;
        proxy_ssl on;
        proxy_ssl_verify on;
        proxy_ssl_trusted_certificate $CERTS/ca.pem;
        proxy_ssl_name backend.example.test;
        proxy_ssl_server_name on;
        proxy_timeout 5s;
    }

    server {
        listen    127.0.0.1:$PX_POP3_BTLS;
        protocol  pop3;
        proxy_ssl starttls;
        proxy_ssl_verify on;
        proxy_ssl_trusted_certificate $CERTS/ca.pem;
        proxy_ssl_name backend.example.test;
        proxy_timeout 5s;
    }

    server {
        listen    127.0.0.1:$PX_SMTP_BTLS;
        protocol  smtp;
        xclient   on;
        smtp_auth plain login;
        proxy_ssl starttls;
        proxy_ssl_verify on;
        proxy_ssl_trusted_certificate $CERTS/ca.pem;
        proxy_ssl_name backend.example.test;
        proxy_timeout 5s;
    }

    # Two certificates, chosen by the name the client sends (SNI, postern
    # extension): mail.example.test (RSA) and backend.example.test (ECDSA).
    server {
        listen    127.0.0.1:$PX_IMAPS_SNI ssl;
        protocol  imap;
        ssl_certificate     $TLS_CERT;
        ssl_certificate_key $TLS_KEY;
        ssl_certificate     $CERTS/backend.pem;
        ssl_certificate_key $CERTS/backend.key;
    }

    # The certificate does not name wrong.example.test: no login gets through.
    server {
        listen    127.0.0.1:$PX_IMAP_BTLS_BADNAME;
        protocol  imap;
        auth_http_header X-E2E-Backend tls;
        proxy_ssl on;
        proxy_ssl_verify on;
        proxy_ssl_trusted_certificate $CERTS/ca.pem;
        proxy_ssl_name wrong.example.test;
        proxy_ssl_server_name on;
    }
EOF2
	[ "$NGINX" = 1 ] || cat <<EOF2

    # Metrics and limits (postern extensions), for the checks of group "postern".
    status_listen 127.0.0.1:$PX_STATUS;
    server {
        listen    127.0.0.1:$PX_IMAP_LIM;
        protocol  imap;
        limit_conn_per_ip 2;
        limit_login_per_user 1r/m burst=1;
    }
EOF2
	echo "}"
} >"$S/postern.conf"

# ---- HAProxy in front of the proxy_protocol servers -----------------------------------------
# It connects to the proxy from 127.0.0.1 (source), so the proxy's peer is always 127.0.0.1;
# the clients connect to it from 127.0.0.2.  No health checks: no connection but the clients'.
cat >"$S/haproxy.cfg" <<EOF
# generated by tests/e2e/run.sh
global
    maxconn 200
defaults
    mode tcp
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend imap
    bind 127.0.0.1:$HA_IMAP
    default_backend imap
backend imap
    server s1 127.0.0.1:$PX_IMAP_PP send-proxy-v2 source 127.0.0.1
frontend smtp
    bind 127.0.0.1:$HA_SMTP
    default_backend smtp
backend smtp
    server s1 127.0.0.1:$PX_SMTP_PP send-proxy-v2 source 127.0.0.1
EOF

proxy_args=(-p "$S/" -c "$S/postern.conf")
if [ "$NGINX" = 1 ]; then
	# nginx opens its compiled-in error log before reading the config: -e keeps it here.
	proxy_args+=(-e "$S/nginx-startup.log" -g 'daemon off; master_process off;')
fi

# ---- wait for the servers ----------------------------------------------------------------
wait_port "$DC_IMAP" && wait_port "$DC_POP3" && wait_port "$DC_IMAPS" && wait_port "$DC_POP3S" &&
	wait_port "$DC_SIEVE" &&
	pass setup-dovecot ||
	fail setup-dovecot "IMAP $DC_IMAP / POP3 $DC_POP3 / IMAPS $DC_IMAPS / POP3S $DC_POP3S did not accept within ${START_WAIT}s" \
		"$(tailof "$S/dc/start.out")" "$(tailof "$S/dc/dovecot.log")"
wait_port "$PF_SMTP" && pass setup-postfix ||
	fail setup-postfix "SMTP $PF_SMTP did not accept within ${START_WAIT}s" \
		"$(tailof "$S/pf/start.out")" "$(tailof "$S/pf/maillog")"
wait_port "$AUTH_PORT" "$PID_AUTHD" && pass setup-authd ||
	fail setup-authd "auth_http $AUTH_PORT did not accept within ${START_WAIT}s" "$(tailof "$S/authd.out")"

# ---- the certificate is made -----------------------------------------------------------------
wait "$PID_CERT"
rc=$?
PID_CERT=""
if [ $rc = 0 ] && openssl x509 -in "$TLS_CERT" -noout -checkend 3600 >/dev/null 2>&1; then
	pass setup-tls-cert
else
	fail setup-tls-cert "openssl req exited with status $rc" "$(tailof "$S/tls-cert.out")"
fi

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
if wait_proxy "$PID_POSTERN"; then
	pass setup-proxy
else
	fail setup-proxy "$(basename "$BIN") did not accept on all of $PX_PORTS:" \
		"accepting:$(open_ports $PX_PORTS | sed 's/^/ /' | tr -d '\n')" \
		"$(kill -0 "$PID_POSTERN" 2>/dev/null && echo "still running after ${START_WAIT}s" || echo "it exited")" \
		"$(tailof "$S/postern.out")" "$(tailof "$S/postern-error.log")"
fi

# ---- HAProxy ----------------------------------------------------------------------------
haproxy -db -f "$S/haproxy.cfg" >"$S/haproxy.out" 2>&1 9>&- &
PID_HAPROXY=$!
if wait_port "$HA_IMAP" "$PID_HAPROXY" && wait_port "$HA_SMTP" "$PID_HAPROXY"; then
	pass setup-haproxy
else
	fail setup-haproxy "haproxy did not accept on $HA_IMAP/$HA_SMTP" \
		"$(kill -0 "$PID_HAPROXY" 2>/dev/null && echo "still running after ${START_WAIT}s" || echo "it exited")" \
		"$(tailof "$S/haproxy.out")"
fi

# ---- the protocol checks ------------------------------------------------------------------
# In the background with `wait`: a trapped signal interrupts `wait` at once, where a
# foreground command would first have to end.
af_args=()   # without them, checks.py runs no auth_file (proxy_ssl, postern) check
[ "$AUTH_FILE" = 1 ] && af_args=(--af-imap "$PX_IMAP_AF" --af-pop3 "$PX_POP3_AF" --af-smtp "$PX_SMTP_AF")
[ "$NGINX" = 1 ] || af_args+=(--postern --status "$PX_STATUS" --imap-limits "$PX_IMAP_LIM")
[ "$OAUTH" = 1 ] && af_args+=(--oauth-imap "$PX_IMAP_OAUTH" --oauth-pop3 "$PX_POP3_OAUTH"
	--oauth-smtp "$PX_SMTP_OAUTH" --imap-id "$PX_IMAP_ID")
[ "$SIEVE" = 1 ] && af_args+=(--sieve "$PX_SIEVE" --sieve-starttls "$PX_SIEVE_STLS")
[ "$SIEVE" = 1 ] && [ "$AUTH_FILE" = 1 ] && af_args+=(--af-sieve "$PX_SIEVE_AF")
[ "$PROXY_SSL" = 1 ] && af_args+=(--btls-imap "$PX_IMAP_BTLS" --btls-pop3 "$PX_POP3_BTLS"
	--btls-smtp "$PX_SMTP_BTLS" --btls-imap-badname "$PX_IMAP_BTLS_BADNAME"
	--dc-imaps "$DC_IMAPS" --dc-pop3 "$DC_POP3" --imaps-sni "$PX_IMAPS_SNI")
timeout 90 $PY "$HERE/checks.py" --state "$S" --auth-log "$AUTHLOG" \
	--imap "$PX_IMAP" --pop3 "$PX_POP3" --smtp "$PX_SMTP" --smtp-noauth "$PX_SMTP_NOAUTH" \
	--pp-imap "$PX_IMAP_PP" --pp-smtp "$PX_SMTP_PP" --ha-imap "$HA_IMAP" --ha-smtp "$HA_SMTP" \
	--imaps "$PX_IMAPS" --imap-starttls "$PX_IMAP_STLS" --pop3s "$PX_POP3S" \
	--pop3-starttls "$PX_POP3_STLS" --smtps "$PX_SMTPS" --smtp-starttls-only "$PX_SMTP_STLS" \
	--tls-cert "$TLS_CERT" --imaps-cc "$PX_IMAPS_CC" --smtp-cc "$PX_SMTP_CC" --certs "$CERTS" \
	"${af_args[@]}" >"$S/checks.out" 2>&1 9>&- &
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
	for f in "$S/postern.out" "$S/postern-error.log" "$S/dc/dovecot.log" "$S/pf/maillog" "$S/authd.out" \
		"$S/haproxy.out"; do
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
	if ! wait_proxy "$PID_POSTERN"; then
		hup_ready=0
		for c in sighup-load sighup-load-delivered sighup-load-workers sighup-load-config; do
			fail "$c" "not run: nginx with its master did not accept on all of $PX_PORTS" \
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
		open=$(open_ports $PX_PORTS | sed 's/^/ /' | tr -d '\n')
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
