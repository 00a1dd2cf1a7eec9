#!/bin/bash
# tests/conf/nginx-compare.sh [CASE...]
#
# Checks the expectations of tests/conf against real nginx (not run by CI).
# Needs nginx with the mail module: apt-get install nginx-light libnginx-mod-mail
# and root (for unshare -n; each run gets a private network namespace, so
# nginx -t binds nothing on the host and resolves no names).
#
# For each case (default: bad/*.conf good/*.conf) a copy of tests/conf is made
# in which line 1 of the case (its "# expect" comment) is replaced by
#   load_module .../ngx_mail_module.so; events {}
# (each part only if the case has none of its own), so line numbers are
# unchanged; "-g 'pid ...;'" is added unless the case sets pid.  For good
# cases, "ssl/..." paths are made absolute: nginx 1.22 prefixes a relative
# certificate path that servers inherit from mail{} once per server
# ("./good/./good/ssl/cert.pem") and then cannot load it.
#
# Prints "OK CASE", "DIFFERS CASE" (the case has a "# differs:" line; nginx's
# answer is shown) or "MISMATCH CASE" with nginx's output.  Always exits 0.

MOD=${NGINX_MAIL_MODULE:-/usr/lib/nginx/modules/ngx_mail_module.so}
NGINX=${NGINX:-nginx}
cd "$(dirname -- "${BASH_SOURCE[0]}")" || exit 0
src=$PWD
work=$(mktemp -d) || exit 0
trap 'rm -rf -- "$work"' EXIT

[ $# -gt 0 ] || set -- bad/*.conf good/*.conf

ngx() {                         # ngx CASE -> prints "rc=N" then nginx's stderr
	local f=$1 t=$work/tree pre="" g=()
	rm -rf -- "$t"; cp -a -- "$src" "$t"
	grep -Eq '^[[:space:]]*load_module' "$f" || pre="load_module $MOD;"
	grep -Eq '^[[:space:]]*events([[:space:]]|\{|$)' "$f" || pre="$pre events {}"
	grep -Eq '^[[:space:]]*pid[[:space:]]' "$f" || g=(-g "pid $work/nginx.pid;")
	sed -i "1s|.*|$pre|" "$t/$f"
	case $f in
	good/*) find "$t/good" \( -name '*.conf' -o -name '*.params' \) -exec \
		sed -i -E "s#([[:space:]])ssl/#\\1$t/good/ssl/#g" {} + ;;
	esac
	local out rc
	out=$(cd "$t" && unshare -n sh -c 'ip link set lo up; exec timeout 10 "$0" "$@"' \
		"$NGINX" -t -q -p ./ -c "$f" -e /dev/null "${g[@]}" 2>&1)
	rc=$?
	echo "rc=$rc"
	[ -n "$out" ] && printf '%s\n' "$out"
}

for f in "$@"; do
	out=$(ngx "$f")
	if grep -q '^# differs:' "$f"; then
		echo "DIFFERS $f"
		printf '%s\n' "$out" | sed 's/^/    /'
		continue
	fi
	case $f in
	bad/*)
		exp=$(head -n 1 -- "$f"); exp=${exp#\# expect: }
		if [ "$(printf '%s\n' "$out" | head -n 1)" = rc=1 ] &&
		   printf '%s\n' "$out" | grep -Fxq -- "nginx: $exp"; then
			echo "OK $f"; continue
		fi ;;
	*)
		if [ "$out" = rc=0 ]; then echo "OK $f"; continue; fi ;;
	esac
	echo "MISMATCH $f"
	printf '%s\n' "$out" | sed 's/^/    /'
done
rm -f /tmp/postern-conf-test.pid
exit 0
