#!/usr/bin/env bash
# ci/check.sh BUILD_DIR - the static rules of DESIGN.md §1 and STYLE.md:
# banned functions, the layer include rule, no allocation below conf,
# generated code up to date and never committed, a fuzz target (with
# corpus and dictionary) and parse tests beside every grammar.
set -u
B=${1:-build}
cd "$(dirname "$0")/.."
pass=0
fail=0
ok() { echo "PASS check:$1"; pass=$((pass + 1)); }
bad() { echo "FAIL check:$1"; shift; printf '  %s\n' "$@"; fail=$((fail + 1)); }

# 1. Banned functions (unbounded or unchecked): use pt_wbuf_* and strtol-style parsing.
hits=$(grep -rnE '(^|[^_a-zA-Z0-9])(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atoll|strtok)[[:space:]]*\(' \
	src fuzz tests --include='*.c' --include='*.h' --include='*.rl' grammar 2>/dev/null)
[ -z "$hits" ] && ok banned-functions || bad banned-functions "$hits"

# 2. Layers: shell -> core -> proto -> util, conf -> proto -> util.
layer_rule() { # dir allowed-project-dirs forbidden-system-headers-regex
	local dir=$1 allowed=$2 sys=$3 out=""
	[ -d "$dir" ] || return 0
	while IFS= read -r line; do
		local inc=${line#*#include \"}
		inc=${inc%%\"*}
		local top=${inc%%/*}
		[[ " $allowed " == *" $top "* ]] || out+="$line"$'\n'
	done < <(grep -rn '#include "' "$dir" grammar 2>/dev/null | grep "^$dir/" || true)
	if [ -n "$sys" ]; then
		out+=$(grep -rnE "#include <($sys)>" "$dir" 2>/dev/null || true)
	fi
	[ -z "$out" ] && ok "layer:$dir" || bad "layer:$dir" "$out"
}
SANS_IO='ev\.h|bearssl[^>]*|curl/[^>]*|sys/socket\.h|time\.h|unistd\.h|netinet/[^>]*|arpa/[^>]*|fcntl\.h|signal\.h|errno\.h|pthread\.h|sys/[^>]*'
layer_rule src/util "util" "$SANS_IO"
layer_rule src/proto "util proto" "$SANS_IO"
layer_rule src/core "util proto core" "$SANS_IO"
layer_rule src/conf "util proto conf" 'ev\.h|bearssl[^>]*|curl/[^>]*'
# Generated machines include proto/ headers only.
out=$(grep -n '#include "' grammar/*.rl 2>/dev/null | grep -vE '#include "(proto|util)/' || true)
[ -z "$out" ] && ok "layer:grammar" || bad "layer:grammar" "$out"

# 3. No heap below conf: the core is handed its memory.
hits=$(grep -rnE '(^|[^_a-zA-Z0-9])(malloc|calloc|realloc|free|strdup|strndup)[[:space:]]*\(' \
	src/util src/proto src/core grammar 2>/dev/null)
[ -z "$hits" ] && ok no-allocation || bad no-allocation "$hits"

# 4. Generated code: never committed, and build/gen is what ragel makes now.
tracked=$(git ls-files 2>/dev/null | grep -E '^build/|(^|/)gen/' || true)
[ -z "$tracked" ] && ok generated-not-committed || bad generated-not-committed "$tracked"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stale=""
for rl in grammar/*.rl; do
	[ -e "$rl" ] || continue
	n=$(basename "$rl" .rl)
	case "$n" in abnf_core|*_common) continue ;; esac
	# Same relative .rl names as the Makefile's rule: ragel writes them into
	# #line.  It writes the output name there too, so generate under a
	# scratch name and put "$B/gen/$n.c" back: an absolute BUILD (make
	# BUILD=/tmp/x) then works as well, and the real build dir is never written.
	mkdir -p "$tmp/grammar"
	cp grammar/*.rl "$tmp/grammar/"
	(cd "$tmp" && ragel -G2 -o "$tmp/gen.c" "$rl") 2>"$tmp/err" ||
		{ stale+="$rl: ragel failed: $(cat "$tmp/err")"$'\n'; continue; }
	sed "s|$tmp/gen.c|$B/gen/$n.c|g" "$tmp/gen.c" | cmp -s - "$B/gen/$n.c" ||
		stale+="$B/gen/$n.c differs from ragel -G2 $rl"$'\n'
done
[ -z "$stale" ] && ok generated-up-to-date || bad generated-up-to-date "$stale"

# 5. Every grammar has a fuzz target with a corpus and a dictionary, and parse tests.
missing=""
for rl in grammar/*.rl; do
	[ -e "$rl" ] || continue
	n=$(basename "$rl" .rl)
	case "$n" in abnf_core|*_common) continue ;; esac
	[ -f "fuzz/fuzz_$n.c" ] || missing+="fuzz/fuzz_$n.c"$'\n'
	[ -d "fuzz/corpus/fuzz_$n" ] && [ -n "$(ls -A "fuzz/corpus/fuzz_$n" 2>/dev/null)" ] ||
		missing+="fuzz/corpus/fuzz_$n/ (seed corpus)"$'\n'
	[ -f "fuzz/dict/fuzz_$n.dict" ] || missing+="fuzz/dict/fuzz_$n.dict"$'\n'
	# tests/parse/test_<grammar>.c (conf.rl's is test_conf_lex.c: test_conf is a unit test)
	[ -f "tests/parse/test_$n.c" ] || [ -f "tests/parse/test_${n}_lex.c" ] ||
		missing+="tests/parse/test_$n.c"$'\n'
done
[ -z "$missing" ] && ok grammar-companions || bad grammar-companions "$missing"

# 6. Every fuzz target opens with its "Target:" header.
nohdr=$(grep -L '/\* *Target:\|^ \* Target:' fuzz/fuzz_*.c 2>/dev/null || true)
[ -z "$nohdr" ] && ok fuzz-headers || bad fuzz-headers "$nohdr"

# 7. Line coverage of src/{core,proto,conf,util} (make cov) not below ci/coverage-min.txt.
out=$(bash ci/cov.sh "$B" --check 2>&1) && ok "coverage $(grep -m1 -o 'lines [0-9.]*%' <<<"$out")" || bad coverage "$out"

# 8. SPIN: the session machine as the C makes it (ci/model, make spin): no relay
# before an auth OK, nothing from before STARTTLS after it, a deadline in every
# waiting state, no deadlock, max_errors closes; and each deliberate break fails.
out=$(python3 ci/model/spin_check.py "$B/spin" 2>&1) && ok "spin-model ($(tail -1 <<<"$out"))" ||
	bad spin-model "$(grep -E '^FAIL|rror' <<<"$out" | head -20)" "(make spin; ci/spin.mk)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
