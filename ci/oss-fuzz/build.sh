#!/bin/bash -eu
# ci/oss-fuzz/build.sh - builds every fuzz/fuzz_*.c for OSS-Fuzz (and
# ClusterFuzzLite, which runs the same script).
#
# The base image sets CC, CFLAGS (sanitizer + coverage), LIB_FUZZING_ENGINE
# (libFuzzer, AFL++ or honggfuzz), OUT, SRC and WORK.  Everything is compiled
# here with $CC $CFLAGS instead of through the Makefile, whose -Werror and fixed
# sanitizer flags are for our own clang-14; a newer compiler's new warnings
# must not break the fuzzing build.  Nothing is written into the source tree:
# the Ragel output and objects go to $WORK.
# shellcheck disable=SC2086  # CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE are word lists

cd "$SRC/postern"
gen=$WORK/gen
obj=$WORK/obj
rm -rf "$gen" "$obj"
mkdir -p "$gen" "$obj"

# The grammars, as the Makefile does it: -G2 keeps each transition a branch
# the coverage instrumentation sees; abnf_core.rl and *_common.rl are only
# included by the others.
for rl in grammar/*.rl; do
	case $rl in grammar/abnf_core.rl | grammar/*_common.rl) continue ;; esac
	ragel -G2 -o "$gen/$(basename "$rl" .rl).c" "$rl"
done

# The library the fuzz targets link: util, proto, conf, core and the
# I/O-free config bridge.  No libcurl, libev or BearSSL, so every engine
# and sanitizer (MemorySanitizer too) sees all the code that runs.
flags=(-std=c11 -D_GNU_SOURCE -DPT_VERSION='"oss-fuzz"' -Isrc -I"$gen")
for c in src/util/*.c src/proto/*.c src/conf/*.c src/core/*.c src/shell/coreconf.c "$gen"/*.c; do
	o=$obj/$(echo "${c#"$WORK"/}" | tr / _).o
	$CC $CFLAGS "${flags[@]}" -c "$c" -o "$o" &
	# Two compilers at a time per core is plenty and keeps the log in order.
	while [ "$(jobs -rp | wc -l)" -ge "$(($(nproc) * 2))" ]; do wait -n; done
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; done
rm -f "$WORK/libpostern.a"
ar rcs "$WORK/libpostern.a" "$obj"/*.o

# One binary per target.  The link goes through $CXX: the AFL++ and
# honggfuzz engines are C++ archives, and OSS-Fuzz links C projects that way.
for f in fuzz/fuzz_*.c; do
	t=$(basename "$f" .c)
	$CC $CFLAGS "${flags[@]}" -c "$f" -o "$obj/$t.o"
	$CXX $CXXFLAGS "$obj/$t.o" -o "$OUT/$t" $LIB_FUZZING_ENGINE "$WORK/libpostern.a"
	rm -f "$OUT/${t}_seed_corpus.zip"
	zip -q -j "$OUT/${t}_seed_corpus.zip" fuzz/corpus/"$t"/*
	cp "fuzz/dict/$t.dict" "$OUT/$t.dict"
done
