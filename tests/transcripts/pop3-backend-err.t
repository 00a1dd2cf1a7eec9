# The backend answers PASS with -ERR; with proxy_pass_error_message off (the
# default) the client gets the internal error and the connection closes
# (nginx-mail.md §3 Backend login failures "with `proxy_pass_error_message
# off` the client gets the internal-error line").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS b4d-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: b4d-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS b4d-p0p
B< -ERR [AUTH] Authentication failed.
S: -ERR internal server error
CLOSED
L! b4d-p0p
