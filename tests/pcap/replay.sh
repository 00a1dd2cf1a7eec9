#!/usr/bin/env bash
# tests/pcap/replay.sh BUILD_DIR [CAPTURE.pcap...] - the captures of tests/pcap
# (all of them, or those named) made into transcripts by ci/pcap2transcript,
# in a temp dir, and each replayed against the session core by
# BUILD_DIR/rel/transcripts and, when it is built, BUILD_DIR/san/transcripts
# (ASan+UBSan): what the live postern did with those bytes, the core must do
# again.
#
# Prints one line per capture at column 0, "PASS pcap:NAME" or "FAIL pcap:NAME"
# with the converter's or the runner's words indented below, and exits 0:
# its caller counts.  PCAP_KEEP=1 keeps the transcripts (the temp dir's path
# is printed).
set -u
B=${1:?usage: tests/pcap/replay.sh BUILD_DIR [CAPTURE.pcap...]}
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) ;; *) B=$PWD/$B ;; esac
RUNNER=$B/rel/transcripts
RUNNERS=("$RUNNER")
[ -x "$B/san/transcripts" ] && RUNNERS+=("$B/san/transcripts")
if [ $# -gt 0 ]; then CAPS=("$@"); else CAPS=("$ROOT"/tests/pcap/*.pcap); fi

if [ ! -x "$RUNNER" ]; then
	echo "FAIL pcap:setup"
	echo "    no runner at $RUNNER (make builds it)"
	exit 0
fi
if ! command -v tshark >/dev/null; then
	echo "FAIL pcap:setup"
	echo "    tshark is not installed: bash ci/deps.sh installs it"
	exit 0
fi
if [ ! -e "${CAPS[0]}" ]; then
	echo "FAIL pcap:setup"
	echo "    no capture in tests/pcap (tests/pcap/make-captures.sh makes them)"
	exit 0
fi

T=$(mktemp -d /tmp/postern-pcap-replay.XXXXXX) || exit 1
if [ "${PCAP_KEEP:-0}" = 1 ]; then
	echo "pcap: transcripts kept in $T" >&2
else
	trap 'rm -rf "$T"' EXIT
fi

# tshark takes a few hundred ms to start: the conversions run side by side.
printf '%s\0' "${CAPS[@]}" |
	T=$T CONV=$ROOT/ci/pcap2transcript xargs -0 -n 1 -P "$(nproc 2>/dev/null || echo 2)" sh -c '
		n=$(basename "$1" .pcap)
		timeout 60 "$CONV" "$1" -o "$T/$n.t" 2>"$T/$n.err" || rm -f "$T/$n.t"' sh

for c in "${CAPS[@]}"; do
	n=$(basename "$c" .pcap)
	if [ ! -s "$T/$n.t" ]; then
		echo "FAIL pcap:$n"
		sed 's/^/    /' "$T/$n.err"
		continue
	fi
	bad=""
	for r in "${RUNNERS[@]}"; do   # the sanitized one says more only when the plain one passes
		out=$(cd "$T" && timeout 60 "$r" "$n.t" 2>&1)
		if [ $? != 0 ] || ! grep -qx "PASS transcript:$n.t" <<<"$out"; then
			bad="  ${r#"$B"/}:"$'\n'$(grep -v "^FAIL transcript:" <<<"$out" | sed 's/^/  /')$'\n'
			break
		fi
	done
	if [ -z "$bad" ]; then
		echo "PASS pcap:$n"
	else
		echo "FAIL pcap:$n"
		printf '%s' "$bad"
	fi
done
exit 0
