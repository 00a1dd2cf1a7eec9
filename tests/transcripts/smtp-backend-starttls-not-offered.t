# BEYOND NGINX (proxy_ssl starttls): the backend's EHLO reply does not offer
# STARTTLS (RFC 3207 §4: the keyword says it can negotiate TLS; stripped by
# an attacker, or TLS is off there).  postern does not go on in plaintext:
# "upstream does not offer STARTTLS", 451 4.3.2 (not the backend's 250
# text, even with proxy_pass_error_message), close.
@ proxy_pass_error_message on;
@ protocol smtp;
@ proxy_ssl starttls;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAG4wLTBmZjNyLXNtdHA=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: n0-0ff3r-smtp
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
B< 250 XCLIENT ADDR LOGIN NAME HELO
S: 451 4.3.2 Internal server error
CLOSED
L: [error] upstream does not offer STARTTLS
L! n0-0ff3r-smtp
