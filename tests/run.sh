#!/usr/bin/env bash
# tests/run.sh BUILD_DIR FUZZ_SECONDS - every test of `make test`, then the
# closing line "N passed, N failed".
#
# Each suite prints one line per test at column 0, "PASS <name>" or
# "FAIL <name>" (details indented below).  A suite that exits non-zero
# without a FAIL line (a crash, a sanitizer report) counts as one failure.
set -u
B=${1:-build}
FUZZ_SECONDS=${2:-10}
cd "$(dirname "$0")/.."

pass=0
fail=0
failed_names=()

suite() {
	local name=$1; shift
	local out rc p f
	out=$(timeout 900 "$@" 2>&1)
	rc=$?
	p=$(grep -c '^PASS ' <<<"$out")
	f=$(grep -c '^FAIL ' <<<"$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		out+=$'\n'"FAIL $name: exited with status $rc"
		f=1
	fi
	if [ $((p + f)) -eq 0 ]; then
		out+=$'\n'"FAIL $name: ran no test"
		f=1
	fi
	# Show failures with their details; passes only as a count.
	awk '/^FAIL /{show=1; print; next} /^PASS /{show=0; next} show{print}' <<<"$out"
	if [ "$f" -ne 0 ]; then
		grep -E 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' <<<"$out" | head -5
		failed_names+=("$name")
	fi
	printf '%-28s %4d passed, %d failed\n' "$name:" "$p" "$f"
	pass=$((pass + p))
	fail=$((fail + f))
}

# Unit and parse tests, plain (gcc -O2) and under ASan+UBSan (clang).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for flavour in rel san; do
	for t in "$B/$flavour"/tests/test_*; do
		[ -x "$t" ] || continue
		suite "$flavour/$(basename "$t")" "$t"
	done
done

# Conversations with the session core (tests/transcripts/*.t), plain and sanitized.
suite "transcripts (rel)" "$B/rel/transcripts" tests/transcripts/*.t
suite "transcripts (san)" "$B/san/transcripts" tests/transcripts/*.t
suite "pcap replay" bash tests/pcap/replay.sh "$B"

# The real binary: nginx-style messages for bad configs, good configs, the CLI.
suite "conf (rel)" bash tests/conf/run.sh "$PWD/$B/postern"
suite "conf (san)" bash tests/conf/run.sh "$PWD/$B/san/postern"
suite "shell (rel)" bash tests/shell/run.sh "$PWD/$B/postern"
suite "shell (san)" bash tests/shell/run.sh "$PWD/$B/san/postern"
# status_listen and the limit_* directives (postern extensions), two workers.
suite "shell limits (rel)" bash tests/shell/limits.sh "$PWD/$B/postern"
suite "shell limits (san)" bash tests/shell/limits.sh "$PWD/$B/san/postern"
# Real Dovecot and Postfix behind postern, driven by real clients.
suite "e2e (rel)" bash tests/e2e/run.sh "$PWD/$B/postern"
suite "e2e (san)" bash tests/e2e/run.sh "$PWD/$B/san/postern"
# make run's demo, logged in through with curl.
suite "make run" bash ci/run-demo.sh "$PWD/$B/postern" --check
suite "cli (rel)" bash tests/cli/run.sh "$PWD/$B/postern"
suite "cli (san)" bash tests/cli/run.sh "$PWD/$B/san/postern"
# A reduced build, as nginx's --without-mail_*_module: make WITHOUT=pop3,smtp.
suite "reduced build" bash tests/cli/without.sh
# The manual pages: rendered by man and groff without a warning, every directive in postern.conf(5).
suite "man pages" bash tests/man/check.sh
# make install / uninstall, the systemd unit (systemd-analyze verify) and the Debian package.
suite "install and package" bash tests/install/run.sh "$B"

# Fuzz corpora replayed by the gcc build, then every target fuzzed for a while.
suite "fuzz replay" bash ci/fuzz-replay.sh "$B/rel/replay"
suite "fuzz smoke" bash ci/fuzz-smoke.sh "$B/fuzz" "$FUZZ_SECONDS"
# OSS-Fuzz's build.sh, run as its base image runs it: every target, its seeds and dictionary.
suite "oss-fuzz build" bash ci/oss-fuzz/local.sh "$B/oss-fuzz"

if [ "$fail" -ne 0 ]; then
	echo "failed suites: ${failed_names[*]}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
