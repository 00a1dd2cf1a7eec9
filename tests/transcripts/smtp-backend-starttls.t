# BEYOND NGINX (postern extension, proxy_ssl starttls): after the backend's
# 220 postern says EHLO, sends STARTTLS when the reply offers it, waits for
# 220 (RFC 3207 §4), asks the shell for the handshake (BACKEND_START_TLS),
# and on BACKEND_TLS_UP starts over with EHLO (RFC 3207 §4.2), then XCLIENT
# and the HELO replay as in plaintext (nginx-mail.md §3 SMTP steps 2-4).
# XCLIENT is offered here only inside TLS, as a backend may do.
@ protocol smtp;
@ proxy_ssl starttls;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHN0NHJ0LXNtdHA=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: st4rt-smtp
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
L: state backend-starttls -> backend-tls-handshake
B: TLS
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
B> EHLO client.example
B< 250 backend.example
S: 235 2.0.0 OK
RELAY
L! st4rt-smtp
