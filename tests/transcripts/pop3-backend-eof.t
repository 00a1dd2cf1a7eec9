# The backend closes in the middle of the login (after USER): internal error
# and close (nginx-mail.md §3 Backend login failures; nginx's
# ngx_mail_proxy_read_response treats recv() == 0 as an error).
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS e0f-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: e0f-p0p
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
B:EOF
S: -ERR internal server error
CLOSED
L! e0f-p0p
