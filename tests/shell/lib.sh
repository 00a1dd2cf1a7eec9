# tests/shell/lib.sh - sourced by the shell tests (run.sh, limits.sh) once
# they have set T (their temp dir) and PIDS (what they start): the cleanup
# of both on exit, one PASS/FAIL line per check, and waiting for a port.
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	sleep 0.2
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT

check() { # name command...  (a failure shows the error log: ERRLOG, else $T/err.log)
	local name=$1; shift
	if "$@" >"$T/out" 2>&1; then echo "PASS shell:$name"; else
		echo "FAIL shell:$name"; sed 's/^/  /' "$T/out" | head -20
		[ -f "${ERRLOG:-$T/err.log}" ] && tail -5 "${ERRLOG:-$T/err.log}" | sed 's/^/  log: /'
	fi
}

wait_port() { # port
	for _ in $(seq 1 50); do
		python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
