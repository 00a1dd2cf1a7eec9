# proxy_smtp_auth on: the Auth-User / Auth-Pass of the auth reply are the
# credentials of the backend AUTH PLAIN (nginx-mail.md §2 "Auth-User /
# Auth-Pass override the credentials used toward the backend"; for SMTP
# Auth-Pass "is needed only with proxy_smtp_auth").
@ protocol smtp;
@ proxy_smtp_auth on;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAGNsMTNudC1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: cl13nt-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A< Auth-User: alice@backend.example
A< Auth-Pass: b4ck3nd-pw
A<
B< 220 backend.example ESMTP
B> EHLO mail.example.test
B< 250-backend.example
B< 250 AUTH PLAIN
B> AUTH PLAIN AGFsaWNlQGJhY2tlbmQuZXhhbXBsZQBiNGNrM25kLXB3
B< 235 2.7.0 Authentication successful
S: 235 2.0.0 OK
RELAY
L! cl13nt-pw
L! b4ck3nd-pw
L! AGFsaWNlQGJhY2tlbmQuZXhhbXBsZQBiNGNrM25kLXB3
