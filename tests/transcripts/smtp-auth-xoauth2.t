# SMTP AUTH XOAUTH2 with an initial response (RFC 4954 §4): listed on the
# EHLO AUTH line when smtp_auth names it (postern extension); the user and
# token go to the auth server, and the backend dialogue is the usual one
# (XCLIENT LOGIN= the user the auth server names).
@ protocol smtp;
@ smtp_auth plain login xoauth2 oauthbearer;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER
C: AUTH XOAUTH2 dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
A> Host: 127.0.0.1
A> Auth-Method: xoauth2
A> Auth-User: alice@example.com
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A< Auth-User: alice
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
B> EHLO client.example
B< 250-backend.example
B< 250 PIPELINING
S: 235 2.0.0 OK
RELAY:
L! t0k3n-alice
