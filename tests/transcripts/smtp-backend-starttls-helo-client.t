# BEYOND NGINX (proxy_ssl starttls): with xclient off and a client that
# said no EHLO, postern greets the backend with HELO in plaintext; STARTTLS
# needs ESMTP, so it says EHLO before STARTTLS and again inside TLS
# (RFC 3207 §4.2: "The client SHOULD send an EHLO command as the first
# command after a successful TLS negotiation").
@ protocol smtp;
@ proxy_ssl starttls;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGgzbDAtdGxzLXNtdHA=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: h3l0-tls-smtp
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP
B> EHLO mail.example.test
B< 250-backend.example
B< 250 STARTTLS
B> STARTTLS
B< 220 2.0.0 Ready to start TLS
B: TLS
B> EHLO mail.example.test
B< 250-backend.example
B< 250 AUTH PLAIN LOGIN
S: 235 2.0.0 OK
RELAY
L! h3l0-tls-smtp
