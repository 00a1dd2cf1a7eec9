# BEYOND NGINX (proxy_ssl starttls): the backend answers STARTTLS with 454
# (RFC 3207 §4 "TLS not available due to temporary reason"): no login or
# XCLIENT goes out in plaintext; "upstream refused STARTTLS", the temporary
# internal error 451 4.3.2, close (nginx-mail.md §3 Backend login failures).
@ protocol smtp;
@ proxy_ssl starttls;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHIzZnVzM2Qtc210cA==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: r3fus3d-smtp
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
B< 454 4.7.0 TLS not available due to local problem
S: 451 4.3.2 Internal server error
CLOSED
L: [error] upstream refused STARTTLS
L! r3fus3d-smtp
