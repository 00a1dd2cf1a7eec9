# CAPA and NOOP between USER and PASS keep the USER state: PASS still
# completes the login with the user given (nginx-mail.md §3 POP3 commands;
# nginx's ngx_pop3_user state takes PASS, CAPA, QUIT, NOOP).
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN
S: .
C: NOOP
S: +OK
C: PASS b3tw33n-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: b3tw33n-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! b3tw33n-pw
