#!/usr/bin/env bash
# ci/oss-fuzz/local.sh [DIR] - run build.sh here the way OSS-Fuzz's
# base-builder runs it, then check what it produced: for every fuzz/fuzz_*.c
# a binary, <target>_seed_corpus.zip and <target>.dict in $OUT, and the
# binary replaying its seeds without a finding.  Catches a new target, source
# file or grammar that build.sh does not pick up, without Docker.
#
# SANITIZER=address (default), undefined or memory picks the base image's
# flags for that sanitizer (clang-14 here, a newer clang there).  DIR (default
# a temporary directory) receives src/, work/ and out/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$(mktemp -d)}
san=${SANITIZER:-address}
rm -rf "$dir/src" "$dir/work" "$dir/out"
mkdir -p "$dir/src" "$dir/work" "$dir/out"
dir=$(cd "$dir" && pwd)
ln -s "$root" "$dir/src/postern"    # the image has the repository at $SRC/postern

case $san in
address) sflags="-fsanitize=address -fsanitize-address-use-after-scope" ;;
undefined)
	u=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr
	sflags="-fsanitize=$u,unsigned-integer-overflow -fno-sanitize-recover=$u"
	export UBSAN_OPTIONS=silence_unsigned_overflow=1 ;;
memory) sflags="-fsanitize=memory -fsanitize-memory-track-origins" ;;
*) echo "SANITIZER must be address, undefined or memory" >&2; exit 2 ;;
esac

export SRC=$dir/src WORK=$dir/work OUT=$dir/out
export CC=clang-14 CXX=clang++-14
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION $sflags -fsanitize=fuzzer-no-link"
export CXXFLAGS=$CFLAGS
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer

start=$SECONDS
bash "$root/ci/oss-fuzz/build.sh" >"$WORK/build.log" 2>&1 || {
	tail -20 "$WORK/build.log"
	echo "FAIL oss-fuzz: build.sh ($san)"
	exit 1
}
echo "oss-fuzz: build.sh ($san) took $((SECONDS - start)) s"

fail=0
for f in "$root"/fuzz/fuzz_*.c; do
	t=$(basename "$f" .c)
	for a in "$OUT/$t" "$OUT/${t}_seed_corpus.zip" "$OUT/$t.dict"; do
		if [ ! -s "$a" ]; then echo "FAIL oss-fuzz:$t: no $a"; fail=1; continue 2; fi
	done
	# As the runner does: unpack the seeds, hand over the dict, replay once.
	mkdir "$WORK/seeds-$t"
	unzip -q "$OUT/${t}_seed_corpus.zip" -d "$WORK/seeds-$t"
	if (cd "$WORK" && "$OUT/$t" -runs=0 -dict="$OUT/$t.dict" "$WORK/seeds-$t") >"$WORK/$t.log" 2>&1; then
		echo "PASS oss-fuzz:$t ($(find "$WORK/seeds-$t" -type f | wc -l) seeds)"
	else
		echo "FAIL oss-fuzz:$t"
		grep -E 'ERROR|SUMMARY|runtime error' "$WORK/$t.log" | head -5 | sed 's/^/  /'
		fail=1
	fi
done
echo "oss-fuzz: $SECONDS s in all"
exit $fail
