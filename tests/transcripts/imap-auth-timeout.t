# No auth reply within auth_http_timeout: internal error and close
# (nginx-mail.md §1 "auth_http_timeout ... applies to connect, send and
# read"; §2 "times out").
@ auth_http_timeout 5s;
S: * OK IMAP4 ready
C: a1 LOGIN alice t1me-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t1me-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
T: +5000
S: * BAD internal server error
CLOSED
L! t1me-pw
