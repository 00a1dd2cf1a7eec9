#!/usr/bin/env bash
# ci/fuzz-smoke.sh FUZZ_BUILD_DIR SECONDS - run every libFuzzer target for
# SECONDS from its seed corpus (copied: the repository is never written),
# with its dictionary.  One "PASS fuzz:<target>" / "FAIL fuzz:<target>" each.
set -u
D=${1:-build/fuzz}
S=${2:-10}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
found=0
for bin in "$D"/fuzz_*; do
	[ -x "$bin" ] || continue
	found=1
	t=$(basename "$bin")
	mkdir -p "$work/$t/corpus" "$work/$t/art"
	[ -d "fuzz/corpus/$t" ] && cp -r "fuzz/corpus/$t/." "$work/$t/corpus/"
	dict=()
	[ -f "fuzz/dict/$t.dict" ] && dict=(-dict="fuzz/dict/$t.dict")
	if timeout $((S + 60)) "$bin" -max_total_time="$S" -timeout=10 -rss_limit_mb=2048 \
		"${dict[@]}" -artifact_prefix="$work/$t/art/" "$work/$t/corpus" >"$work/$t/log" 2>&1; then
		echo "PASS fuzz:$t ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$t/log" | awk '{print $2}') runs)"
	else
		echo "FAIL fuzz:$t"
		grep -E 'ERROR|SUMMARY|runtime error' "$work/$t/log" | head -10 | sed 's/^/  /'
		for a in "$work/$t/art"/*; do
			[ -f "$a" ] || continue
			echo "  reproducer (base64): $(base64 -w0 < "$a" | head -c 2000)"
		done
	fi
done
[ "$found" = 1 ] || echo "FAIL fuzz: no fuzz targets built in $D"
exit 0
