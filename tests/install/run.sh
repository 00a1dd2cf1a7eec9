#!/usr/bin/env bash
# tests/install/run.sh BUILD - make install / uninstall, the systemd unit
# and the Debian package (make package).
#
# One line per check: "PASS install:<name>" or "FAIL install:<name>", a
# failure followed by its reasons, indented.  Always exits 0: the caller
# counts the lines.  All state lives in one mktemp dir, removed at the end
# (the package is built with BUILD pointing there); the service is never
# started and nothing but loopback is used.
set -u

build=${1:-}
if [ -z "$build" ]; then
	echo "FAIL install:usage"
	echo "    usage: tests/install/run.sh POSTERN_BUILD_DIR"
	exit 0
fi

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || {
	echo "FAIL install:repo-root"
	exit 0
}

tmp=$(mktemp -d) || {
	echo "FAIL install:mktemp"
	exit 0
}
trap 'rm -rf "$tmp"' EXIT
# postern -t runs as nobody below: it must reach the files.
chmod 755 "$tmp"

root=$tmp/root          # DESTDIR of make install PREFIX=/usr
mkdir -p "$root" "$tmp/work"

pass() { echo "PASS install:$1"; }
# fail NAME [FILE-OR-TEXT...]: each argument a file (its lines) or a line.
fail() {
	local name=$1 a
	shift
	echo "FAIL install:$name"
	for a in "$@"; do
		if [ -f "$a" ]; then sed 's/^/    /' "$a"; else printf '    %s\n' "$a"; fi
	done
}

# "user postern;" makes postern -t, run as root, look the user up, and only
# the package's postinst creates it.  As any other user postern ignores
# "user" with a warning (as nginx does): -t runs as nobody, and that one
# warning is the only message allowed besides the two success lines.
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
conf_test() {   # conf_test OUT BINARY ARGS...: 0 when -t passed cleanly
	local out=$1
	shift
	"$@" >"$out" 2>&1
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "exit status $rc" >>"$out"
		return 1
	fi
	grep -q 'test is successful' "$out" || return 1
	! grep -v -e 'the "user" directive makes sense only if' -e 'syntax is ok' \
		-e 'test is successful' "$out" | grep -q .
}

# The lines a file must hold: check_has FILE ERRS PATTERN... (grep -E)
check_has() {
	local f=$1 errs=$2 p
	shift 2
	for p in "$@"; do
		grep -Eq -- "$p" "$f" || echo "$f: no line matching: $p" >>"$errs"
	done
}

installed=(
	usr/sbin/postern
	etc/postern/postern.conf
	usr/share/man/man8/postern.8.gz
	usr/share/man/man5/postern.conf.5.gz
	lib/systemd/system/postern.service
)

# ---- (a) make install DESTDIR=... PREFIX=/usr -----------------------------
: >"$tmp/err"
if ! make -s BUILD="$build" install DESTDIR="$root" PREFIX=/usr >"$tmp/make.out" 2>&1; then
	fail layout "make install failed:" "$tmp/make.out"
else
	for f in "${installed[@]}"; do
		[ -f "$root/$f" ] || echo "missing: /$f" >>"$tmp/err"
	done
	[ -x "$root/usr/sbin/postern" ] || echo "/usr/sbin/postern is not executable" >>"$tmp/err"
	for m in man8/postern.8 man5/postern.conf.5; do
		if ! zcat "$root/usr/share/man/$m.gz" 2>/dev/null | cmp -s - "docs/man/${m#*/}"; then
			echo "/usr/share/man/$m.gz is not docs/man/${m#*/} gzipped" >>"$tmp/err"
		fi
	done
	cmp -s "$root/etc/postern/postern.conf" conf/postern.conf.example ||
		echo "/etc/postern/postern.conf differs from conf/postern.conf.example" >>"$tmp/err"
	cmp -s "$root/lib/systemd/system/postern.service" conf/postern.service ||
		echo "the unit differs from conf/postern.service (PREFIX=/usr installs it as it is)" >>"$tmp/err"
	# nothing else
	(cd "$root" && find . -type f | sed 's|^\./||' | sort) >"$tmp/files"
	printf '%s\n' "${installed[@]}" | sort >"$tmp/want"
	if ! cmp -s "$tmp/files" "$tmp/want"; then
		echo "files installed, against those expected:" >>"$tmp/err"
		diff "$tmp/want" "$tmp/files" >>"$tmp/err"
	fi
	if [ -s "$tmp/err" ]; then fail layout "$tmp/err"; else pass layout; fi
fi

# ---- (b) the installed binary runs ------------------------------------------
if "$root/usr/sbin/postern" -v >"$tmp/v.out" 2>&1 && grep -q '^postern version: postern/' "$tmp/v.out"; then
	pass version
else
	fail version "$root/usr/sbin/postern -v:" "$tmp/v.out"
fi

# ---- (c) postern -t on the installed config ---------------------------------
# The paths in it are absolute (/var/log/postern, /run/postern): -t opens
# neither logs nor pid file, so the temp root needs no such directories.
# -p points the prefix at the installed /etc/postern/.
bin=$root/usr/sbin/postern
conf=$root/etc/postern/postern.conf
: >"$tmp/err"
if ! conf_test "$tmp/t1" as_nobody "$bin" -t -p "$root/etc/postern/" -c "$conf"; then
	echo "as nobody: postern -t -p $root/etc/postern/ -c $conf" >>"$tmp/err"
	cat "$tmp/t1" >>"$tmp/err"
fi
# As root too, with the user named one this machine has.
sed 's/^user postern;/user nobody nogroup;/' "$conf" >"$tmp/work/root.conf"
if ! grep -q '^user nobody nogroup;' "$tmp/work/root.conf"; then
	echo "no \"user postern;\" line in the installed config" >>"$tmp/err"
elif ! conf_test "$tmp/t2" "$bin" -t -c "$tmp/work/root.conf"; then
	echo "as root, user nobody: postern -t -c $tmp/work/root.conf" >>"$tmp/err"
	cat "$tmp/t2" >>"$tmp/err"
fi
if [ -s "$tmp/err" ]; then fail config-test "$tmp/err"; else pass config-test; fi

# The config as shipped keeps TLS commented out; with every commented
# directive ("#word", "#    word", "#}") turned on and a throwaway
# self-signed certificate in place of /etc/postern/tls/, it passes too.
mkdir -p "$tmp/work/tls"
if ! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
	-subj /CN=mail.example.org -keyout "$tmp/work/tls/privkey.pem" \
	-out "$tmp/work/tls/fullchain.pem" >"$tmp/ossl" 2>&1; then
	fail config-tls "openssl could not make a certificate:" "$tmp/ossl"
else
	chmod 644 "$tmp/work/tls/"*.pem
	sed -E -e 's/^(\s*)#( {4}|[a-z}])/\1\2/' -e "s|/etc/postern/tls/|$tmp/work/tls/|" \
		"$conf" >"$tmp/work/tls.conf"
	: >"$tmp/err"
	check_has "$tmp/work/tls.conf" "$tmp/err" '^\s+ssl_certificate\s' '^\s+starttls only;' \
		'^\s+listen\s+993 ssl;' '^\s+listen\s+995 ssl;' '^\s+listen\s+465 ssl;' '^\s+listen\s+587;'
	if ! conf_test "$tmp/t3" as_nobody "$bin" -t -c "$tmp/work/tls.conf"; then
		echo "postern -t -c (the config with TLS on):" >>"$tmp/err"
		cat "$tmp/t3" >>"$tmp/err"
	fi
	if [ -s "$tmp/err" ]; then fail config-tls "$tmp/err"; else pass config-tls; fi
fi

# The unit's PIDFile, the config's pid and logrotate's pid file: one path.
: >"$tmp/err"
unit_pid=$(sed -n 's/^PIDFile=//p' "$root/lib/systemd/system/postern.service")
conf_pid=$(sed -n 's/^pid[[:space:]]\+\([^;]*\);.*/\1/p' "$conf")
[ -n "$unit_pid" ] && [ "$unit_pid" = "$conf_pid" ] ||
	echo "unit PIDFile=\"$unit_pid\", config pid \"$conf_pid\"" >>"$tmp/err"
grep -q -- "--pidfile $unit_pid" "$root/lib/systemd/system/postern.service" ||
	echo "ExecStop does not name $unit_pid" >>"$tmp/err"
grep -q "$unit_pid" ci/debian/postern.logrotate ||
	echo "ci/debian/postern.logrotate does not name $unit_pid" >>"$tmp/err"
if [ -s "$tmp/err" ]; then fail pid-file "$tmp/err"; else pass pid-file; fi

# ---- (d) systemd-analyze verify ----------------------------------------------
# verify checks that each Exec binary exists, so a copy of the unit names
# the DESTDIR binary; MANPATH lets it find the installed Documentation=
# pages.  (--root= would need the whole systemd unit tree in the temp root:
# without it verify stops at "sysinit.target not found".)  It must print
# nothing at all: warnings do not change its exit status.
verify_unit() {   # verify_unit UNIT DESTROOT OUT
	local unit=$1 r=$2 out=$3
	mkdir -p "$tmp/work/verify"
	rm -f "$tmp/work/verify/postern.service"
	sed "s|/usr/sbin/postern|$r/usr/sbin/postern|g; s|/usr/local/sbin/postern|$r/usr/local/sbin/postern|g" \
		"$unit" >"$tmp/work/verify/postern.service"
	MANPATH=$r/usr/share/man:$r/usr/local/share/man SYSTEMD_PAGER=cat \
		systemd-analyze verify "$tmp/work/verify/postern.service" >"$out" 2>&1
	local rc=$?
	[ "$rc" -eq 0 ] || echo "systemd-analyze exited with status $rc" >>"$out"
	[ ! -s "$out" ]
}
if ! command -v systemd-analyze >/dev/null 2>&1; then
	fail systemd-verify "systemd-analyze is not installed (apt-get install systemd): cannot verify the unit"
elif verify_unit "$root/lib/systemd/system/postern.service" "$root" "$tmp/verify.out"; then
	pass systemd-verify
else
	fail systemd-verify "$tmp/verify.out"
fi

# ---- (e) make uninstall --------------------------------------------------------
if ! make -s BUILD="$build" uninstall DESTDIR="$root" PREFIX=/usr >"$tmp/make.out" 2>&1; then
	fail uninstall "make uninstall failed:" "$tmp/make.out"
else
	: >"$tmp/err"
	for f in "${installed[@]}"; do
		[ ! -e "$root/$f" ] || echo "left: /$f" >>"$tmp/err"
	done
	find "$root" -type f | sed "s|^$root|left: |" >>"$tmp/err"
	if [ -s "$tmp/err" ]; then fail uninstall "$tmp/err"; else pass uninstall; fi
fi

# A changed config survives uninstall (and is not overwritten by install);
# the rest goes.
: >"$tmp/err"
if make -s BUILD="$build" install DESTDIR="$root" PREFIX=/usr >"$tmp/make.out" 2>&1; then
	echo "# changed by the operator" >>"$conf"
	cp "$conf" "$tmp/work/changed.conf"
	make -s BUILD="$build" install DESTDIR="$root" PREFIX=/usr >"$tmp/make2.out" 2>&1 ||
		echo "second make install failed" >>"$tmp/err"
	cmp -s "$conf" "$tmp/work/changed.conf" || echo "make install overwrote a changed config" >>"$tmp/err"
	make -s BUILD="$build" uninstall DESTDIR="$root" PREFIX=/usr >"$tmp/make3.out" 2>&1 ||
		echo "make uninstall failed" >>"$tmp/err"
	cmp -s "$conf" "$tmp/work/changed.conf" || echo "make uninstall removed a changed config" >>"$tmp/err"
	grep -q 'was changed, left in place' "$tmp/make3.out" || echo "make uninstall did not say it kept the config" >>"$tmp/err"
	find "$root" -type f ! -path "$conf" | sed "s|^$root|left: |" >>"$tmp/err"
	rm -rf "$root" && mkdir -p "$root"
else
	echo "make install failed:" >>"$tmp/err"
	cat "$tmp/make.out" >>"$tmp/err"
fi
if [ -s "$tmp/err" ]; then fail uninstall-keeps-changed-config "$tmp/err"; else pass uninstall-keeps-changed-config; fi

# PREFIX=/usr/local (the default): all under it, the unit names the binary
# and the prefix there, and it verifies.
loc=$tmp/local
: >"$tmp/err"
if make -s BUILD="$build" install DESTDIR="$loc" >"$tmp/make.out" 2>&1; then
	for f in usr/local/sbin/postern usr/local/etc/postern/postern.conf usr/local/share/man/man8/postern.8.gz \
		usr/local/share/man/man5/postern.conf.5.gz usr/local/lib/systemd/system/postern.service; do
		[ -f "$loc/$f" ] || echo "missing: /$f" >>"$tmp/err"
	done
	u=$loc/usr/local/lib/systemd/system/postern.service
	if [ -f "$u" ]; then
		check_has "$u" "$tmp/err" "^ExecStart=/usr/local/sbin/postern -p /usr/local/etc/postern/ -g 'daemon on;'$"
		verify_unit "$u" "$loc" "$tmp/verify2.out" || cat "$tmp/verify2.out" >>"$tmp/err"
	fi
	make -s BUILD="$build" uninstall DESTDIR="$loc" >>"$tmp/make.out" 2>&1 || echo "make uninstall failed" >>"$tmp/err"
	find "$loc" -type f | sed "s|^$loc|left after uninstall: |" >>"$tmp/err"
else
	echo "make install failed:" >>"$tmp/err"
	cat "$tmp/make.out" >>"$tmp/err"
fi
if [ -s "$tmp/err" ]; then fail prefix-usr-local "$tmp/err"; else pass prefix-usr-local; fi

# ---- (f) the Debian package -------------------------------------------------------
pkgbuild=$tmp/pkgbuild
deb=""
if make -s BUILD="$pkgbuild" package >"$tmp/package.log" 2>&1; then
	deb=$(ls "$pkgbuild"/package/postern_*.deb 2>/dev/null | grep -v dbgsym | head -n 1)
fi
if [ -n "$deb" ] && [ -f "$deb" ]; then
	pass package-build
else
	fail package-build "make package failed or made no .deb (last lines of its log):" \
		"$(tail -n 30 "$tmp/package.log")"
fi

if [ -n "$deb" ]; then
	# Depends: ${shlibs:Depends} must have found each library.
	dpkg-deb -I "$deb" >"$tmp/info" 2>&1
	depends=$(dpkg-deb -f "$deb" Depends 2>/dev/null)
	: >"$tmp/err"
	for lib in libbearssl0 libev4 libcurl4 libc-ares2 libssl3 adduser; do
		grep -Eq "(^|, )$lib( |,|$)" <<<"$depends" || echo "Depends lacks $lib: $depends" >>"$tmp/err"
	done
	if [ -s "$tmp/err" ]; then fail package-depends "$tmp/err"; else pass package-depends; fi

	# What it holds, and what its scripts do.
	: >"$tmp/err"
	dpkg-deb -c "$deb" | awk '{print $NF}' >"$tmp/contents"
	for f in ./usr/sbin/postern ./etc/postern/postern.conf ./lib/systemd/system/postern.service \
		./usr/share/man/man8/postern.8.gz ./usr/share/man/man5/postern.conf.5.gz \
		./etc/logrotate.d/postern ./usr/share/doc/postern/copyright; do
		grep -qxF "$f" "$tmp/contents" || echo "not in the package: $f" >>"$tmp/err"
	done
	ctl=$tmp/control
	dpkg-deb -e "$deb" "$ctl" 2>>"$tmp/err"
	check_has "$ctl/conffiles" "$tmp/err" '^/etc/postern/postern.conf$' '^/etc/logrotate.d/postern$'
	check_has "$ctl/postinst" "$tmp/err" 'adduser --system .*--group .*--no-create-home' \
		'--home /nonexistent' "deb-systemd-helper enable 'postern.service'" 'try-restart'
	if grep -Eq 'deb-systemd-invoke (start|restart) ' "$ctl/postinst"; then
		echo "postinst starts the service on installation" >>"$tmp/err"
	fi
	check_has "$ctl/prerm" "$tmp/err" 'deb-systemd-invoke stop postern.service'
	check_has "$ctl/postrm" "$tmp/err" 'deluser --system' 'rm -rf /var/log/postern'
	if [ -s "$tmp/err" ]; then fail package-contents "$tmp/err"; else pass package-contents; fi

	# Unpacked in a throwaway root: the binary finds its libraries, runs, and
	# tests the shipped config; the shipped unit verifies.
	pr=$tmp/pkgroot
	: >"$tmp/err"
	if ! dpkg -x "$deb" "$pr" 2>>"$tmp/err"; then
		echo "dpkg -x failed" >>"$tmp/err"
	else
		chmod 755 "$pr"
		ldd "$pr/usr/sbin/postern" | grep 'not found' >>"$tmp/err"
		"$pr/usr/sbin/postern" -v >"$tmp/pv" 2>&1 || { echo "postern -v:"; cat "$tmp/pv"; } >>"$tmp/err"
		if ! conf_test "$tmp/t4" as_nobody "$pr/usr/sbin/postern" -t -p "$pr/etc/postern/" \
			-c "$pr/etc/postern/postern.conf"; then
			echo "postern -t -p $pr/etc/postern/ -c $pr/etc/postern/postern.conf:" >>"$tmp/err"
			cat "$tmp/t4" >>"$tmp/err"
		fi
		if command -v systemd-analyze >/dev/null 2>&1; then
			verify_unit "$pr/lib/systemd/system/postern.service" "$pr" "$tmp/verify3.out" ||
				cat "$tmp/verify3.out" >>"$tmp/err"
		else
			echo "systemd-analyze is not installed: the packaged unit is not verified" >>"$tmp/err"
		fi
	fi
	if [ -s "$tmp/err" ]; then fail package-unpacked "$tmp/err"; else pass package-unpacked; fi

	# logrotate's file parses (-d: rotate nothing).  The "create" user does
	# not exist on this machine, so the copy read names nobody instead.
	if ! command -v logrotate >/dev/null 2>&1; then
		fail package-logrotate "logrotate is not installed (apt-get install logrotate): cannot check the file"
	elif [ ! -f "$pr/etc/logrotate.d/postern" ]; then
		fail package-logrotate "no /etc/logrotate.d/postern in the package"
	else
		sed 's/create 0640 postern adm/create 0640 nobody adm/' "$pr/etc/logrotate.d/postern" \
			>"$tmp/work/logrotate.conf"
		if logrotate -d -s "$tmp/work/logrotate.state" "$tmp/work/logrotate.conf" >"$tmp/lr" 2>&1 &&
			! grep -qi 'error' "$tmp/lr"; then
			pass package-logrotate
		else
			fail package-logrotate "logrotate -d:" "$tmp/lr"
		fi
	fi
fi
exit 0
