# A backend reply must end in CRLF (nginx-mail.md §3 Backend login failures
# "A backend reply must end in CRLF"): a greeting ended by a bare LF is never
# taken as the +OK, no USER is sent, and the login ends with the internal
# error (at the latest when `timeout` runs out).
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS b4re-lf-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: b4re-lf-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B<raw +OK ready\n
T: +60000
S: -ERR internal server error
CLOSED
L! b4re-lf-p0p
