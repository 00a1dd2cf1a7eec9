#!/usr/bin/env bash
# ci/cov.sh BUILD_DIR [--no-html | --check] - the run half of `make cov`
# (ci/cov.mk builds BUILD_DIR/cov first): runs every coverage-instrumented
# binary, merges their profiles, writes BUILD_DIR/cov/html/ (unless
# --no-html) and prints
#   coverage: lines L% (core ..%, proto ..%, conf ..%, util ..%), branches B% (core ..)
# for src/core, src/proto, src/conf and src/util together and each.  Figures
# are rounded down to 0.1, so "lines 95.0%" means at least 95.0 %.
#
# --check (ci/check.sh): build BUILD_DIR/cov itself (make -j cov-bins), no
# HTML, and fail unless the line figure is at least the one in
# ci/coverage-min.txt.  Raise that file when coverage rises; never lower it
# to let a change in.
#
# Generated Ragel code (BUILD_DIR/gen/*.c) is NOT in those figures: its
# line and branch counts say how much of a table-free -G2 machine ran, not
# how much of a grammar was tried, and ragel emits states no input reaches.
# It gets a line of its own, as does the one file from src/shell the library
# holds (coreconf.c).  The per-file table is in BUILD_DIR/cov/report.txt.
#
# A test that fails still leaves its profile: coverage is measured anyway,
# with a warning (make test is where tests pass or fail).
set -u
B=${1:-build}
HTML=1
CHECK=0
case "${2:-}" in
--no-html) HTML=0 ;;
--check) HTML=0; CHECK=1 ;;
esac
cd "$(dirname "$0")/.."
if [ "$CHECK" = 1 ]; then
	# Called from a make recipe: a make of our own, not a jobserver client.
	mkdir -p "$B/cov"
	env -u MAKEFLAGS -u MFLAGS "${MAKE:-make}" --no-print-directory -j"$(nproc)" BUILD="$B" \
		cov-bins >"$B/cov/build.log" 2>&1 || { tail -20 "$B/cov/build.log"; exit 1; }
fi
PROFDATA=${LLVM_PROFDATA:-llvm-profdata-14}
COV=${LLVM_COV:-llvm-cov-14}
C=$B/cov
P=$C/prof
rm -rf "$P" "$C/log"
mkdir -p "$P" "$C/log"

# Each run in the background, with a profile of its own.
run() { # name binary args...
	local name=$1 bin=$2
	shift 2
	LLVM_PROFILE_FILE="$P/$name.profraw" timeout 600 "$bin" "$@" >"$C/log/$name.log" 2>&1 ||
		echo "cov: warning: $name failed (see $C/log/$name.log)" >&2
}

# Binaries whose source is gone (a removed test) are left out.
bins=()
for t in "$C"/tests/test_*; do
	n=$(basename "$t")
	[ -x "$t" ] && { [ -f "tests/unit/$n.c" ] || [ -f "tests/parse/$n.c" ]; } || continue
	bins+=("$t")
	run "$n" "$t" &
done
if [ -x "$C/transcripts" ]; then
	bins+=("$C/transcripts")
	run transcripts "$C/transcripts" tests/transcripts/*.t &
fi
for r in "$C"/replay/fuzz_*; do
	t=$(basename "$r")
	[ -x "$r" ] && [ -f "fuzz/$t.c" ] || continue
	[ -d "fuzz/corpus/$t" ] || { echo "cov: warning: no corpus fuzz/corpus/$t" >&2; continue; }
	bins+=("$r")
	run "replay-$t" "$r" "fuzz/corpus/$t"/* &
done
wait

raws=("$P"/*.profraw)
[ -e "${raws[0]}" ] || { echo "cov: no profile written (nothing built in $C?)" >&2; exit 1; }
"$PROFDATA" merge -sparse -o "$C/postern.profdata" "${raws[@]}" || exit 1

objs=()
for b in "${bins[@]}"; do
	[ -x "$b" ] || continue
	if [ ${#objs[@]} -eq 0 ]; then objs+=("$b"); else objs+=(-object "$b"); fi
done
# Only the library: the tests, the runner and the fuzz drivers are not measured.
IGN='(^|/)(tests|fuzz)/|^/usr/'
"$COV" report -instr-profile="$C/postern.profdata" -ignore-filename-regex="$IGN" \
	"${objs[@]}" >"$C/report.txt" 2>"$C/log/llvm-cov-report.err" || {
	cat "$C/log/llvm-cov-report.err" >&2; exit 1; }
if [ "$HTML" = 1 ]; then
	rm -rf "$C/html"
	"$COV" show -format=html -output-dir="$C/html" -show-branches=count \
		-show-line-counts-or-regions -instr-profile="$C/postern.profdata" \
		-ignore-filename-regex="$IGN" "${objs[@]}" 2>"$C/log/llvm-cov-show.err" || {
		cat "$C/log/llvm-cov-show.err" >&2; exit 1; }
fi
"$COV" export -summary-only -instr-profile="$C/postern.profdata" -ignore-filename-regex="$IGN" \
	"${objs[@]}" >"$C/summary.json" 2>"$C/log/llvm-cov-export.err" || {
	cat "$C/log/llvm-cov-export.err" >&2; exit 1; }

python3 - "$C/summary.json" "$B" "$PWD" >"$C/summary.txt" <<'EOF' || exit 1
import json, os, sys

path, build, root = sys.argv[1], sys.argv[2], sys.argv[3]
files = json.load(open(path))["data"][0]["files"]
gen = os.path.normpath(os.path.join(root, build, "gen")) + os.sep
dirs = ["core", "proto", "conf", "util"]
acc = {}

def add(key, s):
    a = acc.setdefault(key, [0, 0, 0, 0])
    a[0] += s["lines"]["covered"]; a[1] += s["lines"]["count"]
    a[2] += s["branches"]["covered"]; a[3] += s["branches"]["count"]

for f in files:
    name = os.path.normpath(os.path.join(root, f["filename"]))
    rel = os.path.relpath(name, root)
    s = f["summary"]
    if name.startswith(gen) or rel.startswith("grammar/"):
        add("gen", s)
        continue
    parts = rel.split(os.sep)
    if len(parts) >= 3 and parts[0] == "src" and parts[1] in dirs:
        add(parts[1], s)
        add("all", s)
    else:
        add("other:" + rel, s)

def pct(c, n):
    # rounded down to 0.1, in integer arithmetic
    if n == 0:
        return "n/a"
    t = c * 1000 // n
    return "%d.%d%%" % (t // 10, t % 10)

def fig(key, i):
    a = acc.get(key, [0, 0, 0, 0])
    return pct(a[i], a[i + 1])

if "all" not in acc:
    sys.exit("cov: no file of src/{core,proto,conf,util} in the profile")
print("coverage: lines %s (%s), branches %s (%s)" % (
    fig("all", 0), ", ".join("%s %s" % (d, fig(d, 0)) for d in dirs),
    fig("all", 2), ", ".join("%s %s" % (d, fig(d, 2)) for d in dirs)))
a = acc["all"]
print("coverage: src/{core,proto,conf,util}: %d of %d lines, %d of %d branches"
      % (a[0], a[1], a[2], a[3]))
if "gen" in acc:
    print("coverage (not in the figure): generated %s/gen/*.c: lines %s, branches %s"
          % (build, fig("gen", 0), fig("gen", 2)))
for k in sorted(x for x in acc if x.startswith("other:")):
    print("coverage (not in the figure): %s: lines %s, branches %s"
          % (k[6:], fig(k, 0), fig(k, 2)))
EOF
cat "$C/summary.txt"
[ "$HTML" = 1 ] && echo "coverage: report in $C/html/index.html, per file in $C/report.txt"
[ "$CHECK" = 1 ] || exit 0

# Compare in tenths of a percent: both figures are rounded down to 0.1.
tenths() { awk -v v="$1" 'BEGIN { if (v !~ /^[0-9]+(\.[0-9])?$/) exit 1; split(v, a, "."); print a[1] * 10 + a[2] }'; }
min=$(grep -v '^[[:space:]]*#' ci/coverage-min.txt 2>/dev/null | grep -m1 .)
got=$(sed -n 's/^coverage: lines \([0-9.]*\)%.*/\1/p' "$C/summary.txt")
tmin=$(tenths "$min") || { echo "cov: ci/coverage-min.txt holds no figure like 95.0" >&2; exit 1; }
tgot=$(tenths "$got") || { echo "cov: no line figure measured" >&2; exit 1; }
if [ "$tgot" -lt "$tmin" ]; then
	echo "cov: line coverage $got% is below ci/coverage-min.txt ($min%): add tests (make cov, $C/html)" >&2
	exit 1
fi
exit 0
