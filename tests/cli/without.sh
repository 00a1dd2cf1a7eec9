#!/usr/bin/env bash
# tests/cli/without.sh - a reduced build: `make WITHOUT=pop3,smtp,sieve`
# leaves POP3, SMTP and ManageSieve out of the binary.  Builds it (in its own build dir), then
# checks -V, that a config naming a left-out protocol is refused, that one
# without them passes, and that the left-out code is not in the binary.
# One PASS/FAIL line per case; exits 0.
set -u
cd "$(dirname "$0")/../.."
B=${1:-build-without-pop3-sieve-smtp}
BIN=$B/postern
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

check() { # name condition-command...
	local name=$1; shift
	if "$@"; then echo "PASS without:$name"; else
		echo "FAIL without:$name"
		sed 's/^/  /' "$T/out" 2>/dev/null | tail -20
	fi
}

make -s WITHOUT=pop3,smtp,sieve BUILD="$B" "$BIN" >"$T/out" 2>&1
check build test -x "$BIN"
[ -x "$BIN" ] || exit 0

"$BIN" -V >"$T/out" 2>&1
check version-lists-protocols grep -qx "protocols: imap" "$T/out"
check version-lists-left-out grep -qx "left out (make WITHOUT=...): pop3 smtp sieve" "$T/out"

cat >"$T/imap.conf" <<C
error_log stderr;
mail {
    auth_http 127.0.0.1:9/auth;
    server { listen 127.0.0.1:1143; protocol imap; }
}
C
"$BIN" -t -c "$T/imap.conf" -p "$T/" >"$T/out" 2>&1
check imap-config-passes grep -q "test is successful" "$T/out"

for p in pop3 smtp sieve; do
	cat >"$T/$p.conf" <<C
error_log stderr;
mail {
    auth_http 127.0.0.1:9/auth;
    server { listen 127.0.0.1:1143; protocol imap; }
    server { listen 127.0.0.1:1025; protocol $p; }
}
C
	"$BIN" -t -c "$T/$p.conf" -p "$T/" >"$T/out" 2>&1
	echo "rc=$?" >>"$T/out"
	check "$p-refused" eval "grep -qx 'postern: \[emerg\] protocol \"$p\" is not built in (postern -V lists those that are) in $T/$p.conf:5' '$T/out' && grep -qx rc=1 '$T/out'"
done

# The left-out parsers and protocol code are not linked in.
nm "$BIN" >"$T/out" 2>&1
check no-pop3-code eval "! grep -qE ' (pt_pop3_cmd_parse|pt_pop3_resp_parse|pt_pop3_on_line)$' '$T/out'"
check no-smtp-code eval "! grep -qE ' (pt_smtp_cmd_parse|pt_smtp_resp_parse|pt_smtp_on_line)$' '$T/out'"
check no-sieve-code eval "! grep -qE ' (pt_sieve_cmd_parse|pt_sieve_resp_parse|pt_sieve_ops)$' '$T/out'"
check imap-code-kept grep -qE ' pt_imap_cmd_parse$' "$T/out"
