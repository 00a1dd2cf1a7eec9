#!/usr/bin/env bash
# tests/man/check.sh - the manual pages render without a warning, and
# postern.conf(5) documents every directive of src/conf/directives.c.
#
# One line per check: "PASS man:<name>" or "FAIL man:<name>", a failure
# followed by its reasons, indented.  Always exits 0: the caller counts
# the lines.
set -u

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || {
	echo "FAIL man:repo-root"
	exit 0
}

tmp=$(mktemp -d) || {
	echo "FAIL man:mktemp"
	exit 0
}
trap 'rm -rf "$tmp"' EXIT

pages=(docs/man/*.[0-9])
if [ ! -e "${pages[0]}" ]; then
	echo "FAIL man:pages"
	echo "    no page in docs/man/"
	exit 0
fi

for page in "${pages[@]}"; do
	name=${page##*/}
	: >"$tmp/err"
	# man formats for an 80-column terminal when its output is not one.
	MANWIDTH=80 man --warnings -l -E UTF-8 "$page" >/dev/null 2>"$tmp/man.err"
	rc=$?
	cat "$tmp/man.err" >>"$tmp/err"
	[ "$rc" -eq 0 ] || echo "man exited with status $rc" >>"$tmp/err"
	groff -mandoc -ww -z "$page" 2>>"$tmp/err"
	rc=$?
	[ "$rc" -eq 0 ] || echo "groff exited with status $rc" >>"$tmp/err"
	if [ -s "$tmp/err" ]; then
		echo "FAIL man:$name"
		sed 's/^/    /' "$tmp/err"
	else
		echo "PASS man:$name"
	fi
done

# Every directive of the table (the quoted first field of each row) must
# have its entry, ".It Ic <name>", in postern.conf(5).
conf=docs/man/postern.conf.5
table=src/conf/directives.c
if [ ! -f "$conf" ] || [ ! -f "$table" ]; then
	echo "FAIL man:every-directive-documented"
	echo "    missing $conf or $table"
	exit 0
fi
awk '/pt_conf_dirs\[\] = \{/ { in_table = 1; next }
     in_table && /^\};/ { in_table = 0 }
     in_table && match($0, /^[[:space:]]*\{ "[A-Za-z0-9_]+"/) {
	     s = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", s); sub(/"$/, "", s); print s
     }' "$table" | sort -u >"$tmp/names"
if [ ! -s "$tmp/names" ]; then
	echo "FAIL man:every-directive-documented"
	echo "    no directive found in $table"
	exit 0
fi
missing=()
while read -r d; do
	grep -Eq "^\.It Ic $d( |$)" "$conf" || missing+=("$d")
done <"$tmp/names"
if [ "${#missing[@]}" -eq 0 ]; then
	echo "PASS man:every-directive-documented"
else
	echo "FAIL man:every-directive-documented"
	printf '    %s\n' "${missing[@]}"
fi
exit 0
