#!/usr/bin/env bash
# ci/campaign.sh BUILD SECONDS [JOBS] [ENGINES] [TARGETS...]
#
# The long fuzzing campaign: every fuzz target for SECONDS under each engine
# (libfuzzer, afl), JOBS at a time (default: the number of cores).  Each run
# starts from a copy of the target's seeds in BUILD/campaign, never from
# fuzz/corpus itself.  Writes BUILD/campaign/summary.md, one row per run:
# execs, execs/s, coverage as the engine counts it, the queue size, crashes
# and hangs.  Exits non-zero if any run saved a crash.
#
#   make campaign S=600            # every target, both engines
#   make campaign S=60 ENGINES=afl T=fuzz_imap
set -u
B=${1:?usage: campaign.sh BUILD SECONDS [JOBS] [ENGINES] [TARGETS...]}
S=${2:?seconds}
J=${3:-$(nproc)}
ENGINES=${4:-libfuzzer afl}
shift 4 2>/dev/null || shift $#
TARGETS=${*:-$(ls fuzz/fuzz_*.c | sed 's|fuzz/||; s|\.c$||')}
W=$B/campaign
mkdir -p "$W"

# One run; prints its summary row.  The row's fields come from the engine's
# own report: libFuzzer's -print_final_stats and last status line, AFL++'s
# fuzzer_stats file.
run_libfuzzer() {
	local t=$1 d=$W/libfuzzer/$t
	rm -rf "$d" && mkdir -p "$d/corpus" "$d/artifacts"
	cp fuzz/corpus/$t/* "$d/corpus/"
	"$B/fuzz/$t" -max_total_time="$S" -print_final_stats=1 -dict=fuzz/dict/$t.dict \
		-artifact_prefix="$d/artifacts/" "$d/corpus" >"$d/log" 2>&1
	local execs eps cov ft n crashes
	execs=$(awk '/stat::number_of_executed_units:/{print $2}' "$d/log")
	eps=$(awk '/stat::average_exec_per_sec:/{print $2}' "$d/log")
	cov=$(grep -o 'cov: [0-9]*' "$d/log" | tail -1 | cut -d' ' -f2)
	ft=$(grep -o 'ft: [0-9]*' "$d/log" | tail -1 | cut -d' ' -f2)
	n=$(ls "$d/corpus" | wc -l)
	crashes=$(ls "$d/artifacts" | grep -c '^crash-\|^leak-\|^oom-\|^timeout-')
	printf '| %s | libFuzzer | %s | %s | %s | edges %s, features %s | %s | %s | - |\n' \
		"$t" "$S" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "$n" "$crashes"
}

run_afl() {
	local t=$1 d=$W/afl/$t
	rm -rf "$d" && mkdir -p "$d/in"
	cp fuzz/corpus/$t/* "$d/in/"
	AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
		afl-fuzz -V "$S" -i "$d/in" -o "$d/out" -x fuzz/dict/$t.dict -- "$B/afl/$t" >"$d/log" 2>&1
	local f=$d/out/default/fuzzer_stats
	v() { awk -F' *: ' -v k="$1" '$1==k{print $2}' "$f" 2>/dev/null; }
	printf '| %s | AFL++ | %s | %s | %s | map %s | %s | %s | %s |\n' \
		"$t" "$S" "$(v execs_done)" "$(v execs_per_sec)" "$(v bitmap_cvg)" \
		"$(v corpus_count)" "$(v saved_crashes)" "$(v saved_hangs)"
}

jobs_file=$W/jobs
: >"$jobs_file"
# SKIP="libfuzzer:fuzz_imap ..." leaves out runs already made.
for e in $ENGINES; do for t in $TARGETS; do
	case " ${SKIP:-} " in *" $e:$t "*) continue ;; esac
	echo "$e $t" >>"$jobs_file"
done; done
rm -f "$W"/row.*

i=0
while read -r e t; do
	while [ "$(jobs -rp | wc -l)" -ge "$J" ]; do wait -n; done
	i=$((i + 1))
	echo "campaign: start $e $t (${S}s)" >&2
	( "run_$e" "$t" >"$W/row.$(printf %03d $i)" ) &
done <"$jobs_file"
wait

{
	echo "| target | engine | s | execs | execs/s | coverage | queue | crashes | hangs |"
	echo "|---|---|---|---|---|---|---|---|---|"
	cat "$W"/row.*
} >"$W/summary.md"
cat "$W/summary.md"
# A crash column other than 0 fails the campaign (AFL hangs are reported only:
# a loaded machine makes them).
awk -F'|' 'NR>2 && $9+0 != 0 {bad=1} END{exit bad}' "$W/summary.md"
