#!/usr/bin/env bash
# tests/cli/run.sh POSTERN - the command line as nginx's: options, -t/-T
# output, -g, -p/-c resolution, -e.  One PASS/FAIL line per case.
set -u
BIN=${1:?usage: run.sh POSTERN}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"

n=0
check() { # name condition-command...
	local name=$1; shift
	if "$@"; then echo "PASS cli:$name"; else
		echo "FAIL cli:$name"
		echo "  rc=$rc"; sed 's/^/  stderr: /' err; sed 's/^/  stdout: /' out
	fi
}
run() { timeout 10 "$BIN" "$@" >out 2>err; rc=$?; }
has() { grep -qxF -- "$1" err; }
has_out() { grep -qxF -- "$1" out; }

mkdir -p conf/inc
cat > conf/good.conf <<'C'
worker_processes 2;
events { worker_connections 64; use epoll; }
mail {
    auth_http 127.0.0.1:9000/auth;
    include inc/*.conf;
}
C
cat > conf/inc/imap.conf <<'C'
server { listen 127.0.0.1:1143; protocol imap; }
C
printf 'mail {\n    auth_http 127.0.0.1:9000;\n    server {\n        listen 127.0.0.1:1110;\n        bogus on;\n    }\n}\n' > conf/bad.conf

run -v
check version-line eval '[ $rc = 0 ] && has "postern version: postern/0.1.0" && [ ! -s out ]'
run -h
check help eval '[ $rc = 0 ] && grep -q "^Usage: postern \[-?hvVtTq\]" err && grep -q "^  -g directives : set global directives out of configuration file$" err'
run -V
check build-info eval '[ $rc = 0 ] && grep -q "^protocols: imap pop3 smtp sieve$" err'
run -x
check bad-letter eval '[ $rc = 1 ] && has "postern: invalid option: \"x\""'
run foo
check bad-word eval '[ $rc = 1 ] && has "postern: invalid option: \"foo\""'
run -c
check c-needs-file eval '[ $rc = 1 ] && has "postern: option \"-c\" requires file name"'
run -p
check p-needs-dir eval '[ $rc = 1 ] && has "postern: option \"-p\" requires directory name"'
run -g
check g-needs-param eval '[ $rc = 1 ] && has "postern: option \"-g\" requires parameter"'
run -e
check e-needs-file eval '[ $rc = 1 ] && has "postern: option \"-e\" requires file name"'

run -t -p "$T/" -c conf/good.conf
check t-ok eval '[ $rc = 0 ] && has "postern: the configuration file $T/conf/good.conf syntax is ok" && has "postern: configuration file $T/conf/good.conf test is successful" && has "postern: [notice] \"use\" directive is ignored in $T/conf/good.conf:2"'
run -tq -p "$T/" -c conf/good.conf
check tq-silent eval '[ $rc = 0 ] && [ ! -s err ]'
run -tq -p"$T/" -cconf/good.conf
check attached-values eval '[ $rc = 0 ] && [ ! -s err ]'
run -t -c "$T/conf/bad.conf"
check t-fails eval '[ $rc = 1 ] && has "postern: [emerg] unknown directive \"bogus\" in $T/conf/bad.conf:5" && [ "$(tail -n1 err)" = "postern: configuration file $T/conf/bad.conf test failed" ]'
run -t -q -c "$T/conf/bad.conf"
check tq-still-reports eval '[ $rc = 1 ] && has "postern: configuration file $T/conf/bad.conf test failed"'

run -T -q -p "$T/" -c conf/good.conf
printf '# configuration file %s:\n' "$T/conf/good.conf" > want
cat conf/good.conf >> want; echo >> want
printf '# configuration file %s:\n' "$T/conf/inc/imap.conf" >> want
cat conf/inc/imap.conf >> want; echo >> want
check T-dump eval '[ $rc = 0 ] && cmp -s out want'

run -t -q -p "$T/" -c conf/good.conf -g 'worker_processes 4;'
check g-before-file eval '[ $rc = 1 ] && has "postern: [emerg] \"worker_processes\" directive is duplicate in $T/conf/good.conf:1"'
run -t -q -p "$T/" -c conf/good.conf -g 'nope 1;'
check g-unknown eval '[ $rc = 1 ] && has "postern: [emerg] unknown directive \"nope\" in command line"'
run -t -q -p "$T/" -c conf/good.conf -g 'events { }'
check g-no-blocks eval '[ $rc = 1 ] && has "postern: [emerg] block directives are not supported in -g option in command line"'
run -t -q -p "$T/" -c conf/good.conf -g 'pid x.pid'
check g-unterminated eval '[ $rc = 1 ] && has "postern: [emerg] unexpected end of parameter, expecting \";\" in command line"'
run -t -q -p "$T/" -c conf/good.conf -g 'pid run/x.pid;'
check g-ok eval '[ $rc = 0 ]'

run -t -p "$T/" -c nope.conf
check missing-main eval '[ $rc = 1 ] && has "postern: [emerg] open() \"$T/nope.conf\" failed (2: No such file or directory)" && has "postern: configuration file $T/nope.conf test failed"'

run -t -q -p "$T/" -e logs/err.log -c conf/bad.conf
check e-file-unopenable eval '[ $rc = 1 ] && has "postern: [alert] could not open error log file: open() \"$T/logs/err.log\" failed (2: No such file or directory)" && has "postern: [emerg] unknown directive \"bogus\" in $T/conf/bad.conf:5"'
mkdir -p logs
run -t -q -p "$T/" -e logs/err.log -c conf/bad.conf
check e-file-written eval '[ $rc = 1 ] && grep -qE "^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \[emerg\] [0-9]+#0: unknown directive \"bogus\" in $T/conf/bad.conf:5$" logs/err.log && has "postern: [emerg] unknown directive \"bogus\" in $T/conf/bad.conf:5"'

printf 'user nosuchuser_pt;\nmail { }\n' > conf/user.conf
run -t -q -c "$T/conf/user.conf"
if [ "$(id -u)" = 0 ]; then
	check user-lookup eval '[ $rc = 1 ] && has "postern: [emerg] getpwnam(\"nosuchuser_pt\") failed in $T/conf/user.conf:1"'
else
	check user-unprivileged eval '[ $rc = 0 ] && has "postern: [warn] the \"user\" directive makes sense only if the master process runs with super-user privileges, ignored in $T/conf/user.conf:1"'
fi

printf 'mail {\n    auth_http 127.0.0.1:9000;\n    server {\n        listen 127.0.0.1:993 ssl;\n        ssl_certificate c; ssl_certificate_key k;\n    }\n}\n' > conf/tls.conf
# A certificate that is not there stops the start, with the file named.
run -p "$T/" -c conf/tls.conf
check tls-missing-certificate eval '[ $rc = 1 ] && grep -q "cannot load certificate \"$T/conf/c\": open() failed (2: No such file or directory)" err'
exit 0
