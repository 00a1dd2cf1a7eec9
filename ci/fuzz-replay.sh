#!/usr/bin/env bash
# ci/fuzz-replay.sh REPLAY_DIR - run each fuzz target, built with gcc and a
# plain driver (fuzz/replay_main.c), over its whole seed corpus.
set -u
D=${1:-build/rel/replay}
cd "$(dirname "$0")/.."
found=0
for bin in "$D"/fuzz_*; do
	[ -x "$bin" ] || continue
	found=1
	t=$(basename "$bin")
	if [ ! -d "fuzz/corpus/$t" ]; then
		echo "FAIL replay:$t: no corpus in fuzz/corpus/$t"
		continue
	fi
	if out=$(timeout 300 "$bin" "fuzz/corpus/$t"/* 2>&1); then
		echo "PASS replay:$t ($out)"
	else
		echo "FAIL replay:$t"
		echo "$out" | tail -5 | sed 's/^/  /'
	fi
done
[ "$found" = 1 ] || echo "FAIL replay: nothing built in $D"
exit 0
