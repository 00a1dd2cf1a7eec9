# BEYOND NGINX (proxy_ssl starttls): the backend answers STLS with -ERR.
# USER and PASS never go out in plaintext: "upstream refused STARTTLS", the
# internal error, close (nginx-mail.md §3 Backend login failures).
@ protocol pop3;
@ proxy_ssl starttls;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS r3fus3d-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: r3fus3d-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> STLS
B< -ERR TLS support isn't enabled.
S: -ERR internal server error
CLOSED
L: [error] upstream refused STARTTLS
L! r3fus3d-p0p
