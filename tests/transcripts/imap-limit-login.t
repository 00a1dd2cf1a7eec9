# limit_login_per_ip / limit_login_per_user (postern extension): the shell
# refuses the auth request before it reaches auth_http; the client gets a
# tagged temporary failure (RFC 5530 §3 UNAVAILABLE) and may log in again.
S: * OK IMAP4 ready
C: a1 LOGIN alice s3cret
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s3cret
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
LIMIT: login
S: a1 NO [UNAVAILABLE] Too many login attempts, try later
C: a2 NOOP
S: a2 OK completed
C: a3 LOGIN alice s3cret
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s3cret
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
A< Auth-Status: Invalid login
A<
S: a3 NO Invalid login
CLOSED
L! s3cret
