# XCLIENT LOGIN is xtext (RFC 3461 §4, Postfix XCLIENT_README): '+', '=' and
# bytes < 0x21 or > 0x7E as +XX, so a login "a+b=c d" cannot add XCLIENT
# attributes: LOGIN=a+2Bb+3Dc+20d (nginx 1.29.2; nginx-mail.md §3 SMTP step 3,
# §4).  Auth-User uses the auth_http escaping instead: only the space -> %20
# (§2 Escaping).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGErYj1jIGQAeHQzeHQtcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: a+b=c%20d
A> Auth-Pass: xt3xt-pw
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
B> XCLIENT ADDR=192.0.2.1 LOGIN=a+2Bb+3Dc+20d NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! xt3xt-pw
