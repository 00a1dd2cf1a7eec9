# BEYOND NGINX (proxy_ssl starttls): the backend-login deadline (timeout,
# 60s) covers the TLS handshake: "upstream timed out", 451 4.3.2, close.
@ protocol smtp;
@ proxy_ssl starttls;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHQxbTMtdGxzLXNtdHA=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t1m3-tls-smtp
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250-PIPELINING
B< 250 STARTTLS
B> STARTTLS
B< 220 2.0.0 Ready to start TLS
T: +59999
T: +1
S: 451 4.3.2 Internal server error
CLOSED
L: upstream timed out
L! t1m3-tls-smtp
