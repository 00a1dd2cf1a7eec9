#!/bin/bash
# ci/frama/run.sh - Frama-C Eva over src/util and src/proto (make frama).
#
# Usage: run.sh BUILD [ENTRY...]
#   BUILD    the build directory (build/gen holds the Ragel output)
#   ENTRY    drv_* functions of ci/frama/drivers.c to run (default: all)
# Environment: FRAMAC (frama-c), FRAMA_JOBS (parallel runs, default 2).
#
# Parses the sources once (BUILD/frama/ast.sav), runs one Eva analysis per
# entry of ci/frama/drivers.c (BUILD/frama/<entry>.log), then lists every
# alarm as "<entry> <file> <function>: <alarm text>" in
# BUILD/frama/alarms.txt (no line numbers: an edit elsewhere in a file
# does not unlist an alarm).
# Prints one summary line; exits 1 if an alarm is not listed in
# ci/frama/alarms.md (or a run failed), 0 otherwise.
set -u

BUILD=${1:?usage: run.sh BUILD [ENTRY...]}
shift
FRAMAC=${FRAMAC:-frama-c}
JOBS=${FRAMA_JOBS:-2}
OUT=$BUILD/frama
HERE=$(cd "$(dirname "$0")" && pwd)
LISTED=$HERE/alarms.md

# Slowest first, so the parallel runs end together.
ENTRIES=(drv_passwd_split drv_passwd drv_imap_cmd drv_sasl drv_smtp_resp drv_imap_resp
	drv_authhdr drv_proxy_write drv_smtp_cmd drv_buf drv_ciphers drv_pop3_cmd
	drv_conf_lex drv_log drv_imap_arg drv_base64 drv_pop3_resp drv_names
	drv_proxy_v2 drv_imap_cmd_split drv_sasl_split
	drv_smtp_resp_split drv_imap_resp_split drv_authhdr_split drv_smtp_cmd_split
	drv_ciphers_split drv_pop3_cmd_split)
[ $# -gt 0 ] && ENTRIES=("$@")

if ! command -v "$FRAMAC" >/dev/null; then
	echo "frama: $FRAMAC not found (Debian 12: apt-get install frama-c-base)" >&2
	exit 2
fi

# Eva's settings for every entry: -eva-precision 1 (slevel 10, loops up to
# 16 turns unrolled, the symbolic-locations domain).  Higher levels, and
# -eva-partition-history, cost minutes per machine here and remove none of
# the alarms alarms.md lists.  The slevels and the split give
# pt_buf_dec_fill's digit loop, and its callers, one state per digit count.
EVA_OPTS=(-eva -eva-precision 1
	-eva-alloc-builtin fresh -eva-builtin memchr:Frama_C_memchr
	-eva-slevel-function pt_buf_dec_fill:24,pt_wbuf_put_u64:48,pt_wbuf_put_i64:48
	-eva-split-return-function pt_buf_dec_fill:full,pt_name_find_with:0
	-eva-print-callstacks -eva-no-show-progress -eva-msg-key=-initial-state,-final-states)

# Per-entry additions.
entry_opts() {
	case $1 in
	drv_proxy_write)
		# The writers' bodies are drv_buf's; here only what proxy.c hands them.
		echo "-eva-use-spec pt_wbuf_put,pt_wbuf_putc,pt_wbuf_puts,pt_wbuf_put_u64,pt_wbuf_cstr" ;;
	esac
}

mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.status "$OUT"/*.txt
start=$(date +%s)

SRCS=(src/util/*.c src/proto/*.c "$BUILD"/gen/*.c ci/frama/drivers.c)
if ! "$FRAMAC" -c11 -machdep gcc_x86_64 \
	-cpp-extra-args="-D_GNU_SOURCE -Isrc -I$BUILD/gen" \
	"${SRCS[@]}" -save "$OUT/ast.sav" >"$OUT/parse.log" 2>&1; then
	cat "$OUT/parse.log" >&2
	echo "frama: parsing failed (see $OUT/parse.log)" >&2
	exit 2
fi

run_entry() {
	local e=$1 t0 rc
	t0=$(date +%s)
	# shellcheck disable=SC2046
	"$FRAMAC" -load "$OUT/ast.sav" -main "$e" "${EVA_OPTS[@]}" $(entry_opts "$e") \
		>"$OUT/$e.log" 2>&1
	rc=$?
	echo "$e rc=$rc $(($(date +%s) - t0))s" >"$OUT/$e.status"
}
export -f run_entry entry_opts
export FRAMAC OUT
export EVA_OPTS_STR="${EVA_OPTS[*]}"

# xargs cannot pass a bash array: rebuild it inside from the string (no
# option above holds a space).
printf '%s\n' "${ENTRIES[@]}" |
	xargs -P "$JOBS" -I{} bash -c 'EVA_OPTS=($EVA_OPTS_STR); run_entry {}'

# One line per alarm: "<entry> <file> <function>: <text>".  Eva prints
#   [eva:alarm] FILE:LINE: Warning: <text, maybe on the next lines>
#     stack: F :: ...
# F is the function holding the alarm, or for a precondition the callee,
# whose caller follows on the same line.
: >"$OUT/alarms.txt"
failed=0
for e in "${ENTRIES[@]}"; do
	if ! grep -q ' rc=0 ' "$OUT/$e.status" 2>/dev/null; then
		echo "frama: $e failed: $(cat "$OUT/$e.status" 2>/dev/null) (see $OUT/$e.log)" >&2
		failed=1
		continue
	fi
	awk -v entry="$e" '
		function flush() {
			if (file != "") {
				gsub(/[ \t]+/, " ", text); sub(/^ /, "", text); sub(/ $/, "", text)
				sub(/^function [^ :]+: precondition/, "precondition", text)
				print file " " fn ": " text
			}
			file = ""; text = ""; fn = "?"
		}
		/^\[eva:alarm\]/ {
			flush()
			loc = $2; sub(/:[0-9]+:$/, "", loc); file = loc
			text = $0; sub(/^\[eva:alarm\] [^ ]+ Warning:/, "", text)
			inalarm = 1; next
		}
		inalarm && /^  stack: / {
			s = $0; sub(/^  stack: /, "", s)
			split(s, f, " :: "); fn = f[1]
			inalarm = 0
			if (text ~ /precondition/) {
				# the caller follows "<-", on this line or the next
				if (s ~ / <- [^ ]/) { sub(/^.* <- /, "", s); split(s, h, " :: "); fn = fn " in " h[1] }
				else caller = 1
			}
			next
		}
		caller { s = $0; sub(/^ +/, "", s); split(s, h, " :: "); fn = fn " in " h[1]; caller = 0; next }
		inalarm && /^  / { text = text " " $0; next }
		inalarm { inalarm = 0 }
		END { flush() }
	' "$OUT/$e.log" | sed "s/^/$e /" >>"$OUT/alarms.txt"
done

# Listed alarms: the `...` span of each "- `...`" line of alarms.md.
sed -n 's/^- `\([^`]*\)`.*/\1/p' "$LISTED" | sort -u >"$OUT/listed.txt"
sort -u "$OUT/alarms.txt" >"$OUT/found.txt"
comm -23 "$OUT/found.txt" "$OUT/listed.txt" >"$OUT/new.txt"

total=$(wc -l <"$OUT/alarms.txt")
new=$(wc -l <"$OUT/new.txt")
kinds=$(cut -d' ' -f2- "$OUT/alarms.txt" | sed 's/^[^:]*: //' |
	sed -E 's/^precondition.*/precondition/; s/^assertion .*/assertion/; s/\..*//' |
	sort | uniq -c | sort -rn | awk '{c=$1; $1=""; sub(/^ /,""); printf "%s%s %d", sep, $0, c; sep=", "}')
secs=$(($(date +%s) - start))

echo "frama: ${#ENTRIES[@]} entries, $total alarms${kinds:+ ($kinds)}, $new not in ci/frama/alarms.md, ${secs}s"
if [ "$new" -gt 0 ]; then
	echo "frama: alarms not listed in ci/frama/alarms.md:" >&2
	sed 's/^/  /' "$OUT/new.txt" >&2
	failed=1
fi
exit $failed
