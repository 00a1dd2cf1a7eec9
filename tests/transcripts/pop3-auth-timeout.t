# No auth reply within auth_http_timeout: internal error and close
# (nginx-mail.md §1 auth_http_timeout "applies to connect, send and read";
# §2 "times out").
@ protocol pop3;
@ auth_http_timeout 5s;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS t1me-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t1me-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
T: +5000
S: -ERR internal server error
CLOSED
L! t1me-p0p
