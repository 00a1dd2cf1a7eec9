# USER then PASS: the auth request in nginx's order with "Auth-Protocol:
# pop3", then the backend login (wait for +OK, USER, +OK, PASS, +OK), the
# backend's last +OK line goes to the client, then the relay (nginx-mail.md
# §2 Request; §3 POP3 "Backend login").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS s3cr3t-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s3cr3t-p0p
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
B> PASS s3cr3t-p0p
B< +OK Logged in.
S: +OK Logged in.
RELAY
L: client logged in
L! s3cr3t-p0p
