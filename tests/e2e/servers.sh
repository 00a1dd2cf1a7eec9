# tests/e2e/servers.sh - a private Dovecot (IMAP, POP3) and Postfix (SMTP with
# XCLIENT) in a state directory, on 127.0.0.1; sourced by tests/e2e/run.sh and
# ci/run-demo.sh (make run).
#
# The caller sets S (the state directory, mode 755), DC_IMAP, DC_POP3 and
# PF_SMTP (and, if it wants Dovecot's implicit-TLS ports, DC_IMAPS and
# DC_POP3S: unset, they stay closed), then calls servers_start, and
# servers_stop when it is done (also on a failure or an interrupt);
# servers_stop only stops what was started.
# Users alice/alice-pw and bob/"b ob%pw", maildirs under $S/mail, mail to
# alice@example.test and bob@example.test delivered into them.
# TLS (for postern's proxy_ssl): both servers present tests/certs/backend.pem,
# backend.example.test signed by tests/certs/ca.pem (EC P-256).  Dovecot offers
# STARTTLS on its IMAP and POP3 ports and implicit TLS on DC_IMAPS/DC_POP3S;
# plaintext logins stay allowed (disable_plaintext_auth = no), and its login
# log lines name the local port and the TLS session ("lport=21993 ... TLS
# TLSv1.2 with cipher ...", plain sessions from 127.0.0.1 say "secured").
# DC_SIEVE (set: Dovecot's ManageSieve port, RFC 5804; unset, it stays
# closed) stores scripts under each user's home, $S/mail/<user>/sieve, the
# active one linked from $S/mail/<user>/.dovecot.sieve.
# DC_EXTRA (more Dovecot settings, appended), DC_LOGIN_EXTRA (settings for
# both login services) and PF_EXTRA (more of Postfix's main.cf) size them for
# load (tests/bench).
# Postfix offers STARTTLS (smtpd_tls_security_level = may), logs "TLS
# connection established" and puts "(using TLSv1.2 with cipher ...)" in the
# Received header.

DC_INSTANCE=none DC_STARTED=0 PF_STARTED=0
SERVERS_CERTS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../certs" && pwd)

wait_gone() { # pidfile: wait up to 5 s for the pid in it to exit, then KILL it
	local f=$1 pid i
	[ -s "$f" ] || return 0
	pid=$(tr -dc 0-9 <"$f")
	[ -n "$pid" ] || return 0
	for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null
	return 0
}

servers_start() {
MAIL_UID=$(id -u mail) MAIL_GID=$(id -g mail)

# ---- users and maildirs ----------------------------------------------------------------
mkdir -p "$S/mail"
for u in alice bob; do
	mkdir -p "$S/mail/$u/Maildir/cur" "$S/mail/$u/Maildir/new" "$S/mail/$u/Maildir/tmp"
done
chown -R mail:mail "$S/mail"
# passwd-file: user:password:uid:gid:gecos:home:shell (scheme=PLAIN makes CRAM-MD5 possible)
{
	echo "alice:alice-pw:$MAIL_UID:$MAIL_GID::$S/mail/alice::"
	echo "bob:b ob%pw:$MAIL_UID:$MAIL_GID::$S/mail/bob::"
} >"$S/users"
chgrp dovecot "$S/users" && chmod 640 "$S/users"

# ---- Dovecot ---------------------------------------------------------------------------
mkdir -p "$S/dc/run" "$S/dc/state"
DC_INSTANCE=postern-e2e-${S##*.}
cat >"$S/dc/dovecot.conf" <<EOF
# private Dovecot of tests/e2e/run.sh
instance_name = $DC_INSTANCE
base_dir = $S/dc/run
state_dir = $S/dc/state
log_path = $S/dc/dovecot.log
protocols = imap pop3 sieve
listen = 127.0.0.1
ssl = yes
ssl_cert = <$SERVERS_CERTS/backend.pem
ssl_key = <$SERVERS_CERTS/backend.key
disable_plaintext_auth = no
login_log_format_elements = user=<%u> method=%m rip=%r rport=%b lip=%l lport=%a mpid=%e %c %k session=<%{session}>
auth_mechanisms = plain login cram-md5
# 127.0.0.0/8 is trusted: a proxy's ID x-originating-ip/-port and
# x-connected-ip/-port (postern's proxy_imap_id) become rip, rport, lip and
# lport above; imap_id_log shows the ID fields that came with them.
login_trusted_networks = 127.0.0.0/8
imap_id_log = *
mail_max_userip_connections = ${DC_MAX_USERIP:-1000}
mail_location = maildir:~/Maildir
mail_uid = $MAIL_UID
mail_gid = $MAIL_GID
first_valid_uid = $MAIL_UID
last_valid_uid = $MAIL_UID
first_valid_gid = $MAIL_GID
pop3_uidl_format = %08Xu%08Xv
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $S/users
}
userdb {
  driver = passwd-file
  args = username_format=%n $S/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $DC_IMAP
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${DC_IMAPS:-0}
  }
  ${DC_LOGIN_EXTRA:-}
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $DC_POP3
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = ${DC_POP3S:-0}
  }
  ${DC_LOGIN_EXTRA:-}
}
service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = ${DC_SIEVE:-0}
  }
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
${DC_EXTRA:-}
EOF
DC_STARTED=1   # doveadm stop is harmless when the start failed
dovecot -c "$S/dc/dovecot.conf" >"$S/dc/start.out" 2>&1 9>&-
# ---- Postfix ---------------------------------------------------------------------------
mkdir -p "$S/pf/etc" "$S/pf/spool" "$S/pf/data"
chown postfix "$S/pf/data"
printf 'alice@example.test alice/Maildir/\nbob@example.test bob/Maildir/\n' >"$S/pf/etc/vmailbox"
cat >"$S/pf/etc/main.cf" <<EOF
# private Postfix of tests/e2e/run.sh
compatibility_level = 3.6
config_directory = $S/pf/etc
queue_directory = $S/pf/spool
data_directory = $S/pf/data
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-e2e
maillog_file = $S/pf/maillog
maillog_file_prefixes = $S
myhostname = mx.example.test
mydomain = example.test
myorigin = example.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
biff = no
smtpd_banner = \$myhostname ESMTP postern-e2e
smtpd_authorized_xclient_hosts = 127.0.0.1
smtpd_sasl_authenticated_header = yes
smtpd_tls_security_level = may
smtpd_tls_cert_file = $SERVERS_CERTS/backend.pem
smtpd_tls_key_file = $SERVERS_CERTS/backend.key
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes
smtpd_tls_session_cache_database =
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
virtual_mailbox_domains = example.test
virtual_mailbox_base = $S/mail
virtual_mailbox_maps = texthash:$S/pf/etc/vmailbox
virtual_uid_maps = static:$MAIL_UID
virtual_gid_maps = static:$MAIL_GID
virtual_minimum_uid = $MAIL_UID
virtual_mailbox_limit = 0
# Nothing leaves the machine.
default_transport = error:postern e2e: no outbound mail
relay_transport = error:postern e2e: no outbound mail
smtp_dns_support_level = disabled
disable_dns_lookups = yes
${PF_EXTRA:-}
EOF
cat >"$S/pf/etc/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:$PF_SMTP inet n - n - - smtpd
pickup     unix  n - n 60   1 pickup
cleanup    unix  n - n -    0 cleanup
qmgr       unix  n - n 300  1 qmgr
rewrite    unix  - - n -    - trivial-rewrite
bounce     unix  - - n -    0 bounce
defer      unix  - - n -    0 bounce
trace      unix  - - n -    0 bounce
verify     unix  - - n -    1 verify
flush      unix  n - n 1000? 0 flush
proxymap   unix  - - n -    - proxymap
proxywrite unix  - - n -    1 proxymap
showq      unix  n - n -    - showq
error      unix  - - n -    - error
retry      unix  - - n -    - error
discard    unix  - - n -    - discard
virtual    unix  - n n -    - virtual
anvil      unix  - - n -    1 anvil
scache     unix  - - n -    1 scache
postlog    unix-dgram n - n - 1 postlogd
tlsmgr     unix  - - n 1000? 1 tlsmgr
EOF
PF_STARTED=1
postfix -c "$S/pf/etc" start >"$S/pf/start.out" 2>&1 9>&-
}

servers_stop() {
	local p
	if [ "$PF_STARTED" = 1 ]; then
		postfix -c "$S/pf/etc" stop >/dev/null 2>&1
		wait_gone "$S/pf/spool/pid/master.pid"
	fi
	if [ "$DC_STARTED" = 1 ]; then
		doveadm -c "$S/dc/dovecot.conf" stop >/dev/null 2>&1
		wait_gone "$S/dc/run/master.pid"
		# Its children (titled dovecot-<instance>/...) go with the master; give them a moment.
		for p in $(seq 30); do
			command -v pgrep >/dev/null && pgrep -f "^dovecot-$DC_INSTANCE/" >/dev/null || break
			sleep 0.1
		done
	fi
}
