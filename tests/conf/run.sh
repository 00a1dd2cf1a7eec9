#!/bin/bash
# tests/conf/run.sh POSTERN_BINARY
#
# Runs `postern -t -q -p ./ -c FILE` from tests/conf on every bad/*.conf and
# good/*.conf (files under */inc/ and other subdirectories are helpers, not
# cases) and prints one line per case at column 0:
#
#   PASS conf:bad/001-unknown-directive
#   FAIL conf:good/003-full-nginx-conf
#       expected: ...
#       got (rc=N): ...
#
# A bad case passes when postern exits 1, its stderr holds the line
# "postern: <text>" where <text> follows "# expect: " on the file's first line,
# and the last stderr line is "postern: configuration file ./bad/<file> test failed".
# A good case (first line "# expect: ok") passes when postern exits 0 and
# prints nothing but the lines "postern: [warn] <text>" of its "# warn: <text>"
# lines, in that order: directives nginx honours and postern accepts but
# ignores (ssl_password_file, ssl_dhparam: not in BearSSL), where nginx prints
# nothing.  Every expectation was taken from real nginx 1.22.1 (see
# nginx-compare.sh, which re-checks them) unless a "# differs:" comment in the
# file says why postern answers otherwise.  nginx also needs load_module and
# an events{} block, which postern does not: the comparison put them on line 1
# in place of the "# expect" comment, so line numbers are nginx's own.
#
# The script never stops at a failure and always exits 0: its caller counts.

bin=${1:?usage: tests/conf/run.sh POSTERN_BINARY}
case $bin in
	/*) ;;
	*/*) bin=$PWD/$bin ;;
	*) bin=$(command -v -- "$bin" || printf '%s' "$PWD/$bin") ;;
esac

cd "$(dirname -- "${BASH_SOURCE[0]}")" || exit 0

errf=$(mktemp) || exit 0
trap 'rm -f -- "$errf"' EXIT

indent() { sed 's/^/        /'; }

run_case() {                    # run_case REL
	timeout 10 "$bin" -t -q -p ./ -c "$1" </dev/null >/dev/null 2>"$errf"
}

for f in bad/*.conf; do
	[ -f "$f" ] || continue
	name=${f%.conf}
	first=$(head -n 1 -- "$f")
	expect=${first#\# expect: }
	if [ "$expect" = "$first" ] || [ -z "$expect" ]; then
		echo "FAIL conf:$name"
		echo "    no \"# expect: \" comment on line 1"
		continue
	fi
	run_case "$f"
	rc=$?
	want_last="postern: configuration file ./$f test failed"
	got_last=$(tail -n 1 -- "$errf")
	if [ "$rc" -eq 1 ] && grep -Fxq -- "postern: $expect" "$errf" &&
	   [ "$got_last" = "$want_last" ]; then
		echo "PASS conf:$name"
	else
		echo "FAIL conf:$name"
		echo "    expected (rc=1):"
		printf 'postern: %s\n%s\n' "$expect" "$want_last" | indent
		echo "    got (rc=$rc):"
		indent <"$errf"
	fi
done

for f in good/*.conf; do
	[ -f "$f" ] || continue
	name=${f%.conf}
	want=$(sed -n 's/^# warn: /postern: [warn] /p' -- "$f")
	run_case "$f"
	rc=$?
	# exact bytes: the x keeps $(...) from eating trailing newlines
	if [ "$rc" -eq 0 ] && [ "$(cat -- "$errf"; echo x)" = "${want:+$want$'\n'}x" ]; then
		echo "PASS conf:$name"
	else
		echo "FAIL conf:$name"
		if [ -z "$want" ]; then
			echo "    expected (rc=0): no output"
		else
			echo "    expected (rc=0):"
			printf '%s\n' "$want" | indent
		fi
		echo "    got (rc=$rc):"
		indent <"$errf"
	fi
done

exit 0
