# Auth-User / Auth-Pass escaping: bytes 0x00-0x20 and '%' as %XX, nothing
# else ("us er" -> us%20er, "b4d%pw" -> b4d%25pw; nginx-mail.md §2 Escaping,
# checked live); XCLIENT LOGIN xtext-encodes the space (+20; §3 SMTP step 3).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AHVzIGVyAGI0ZCVwdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: us%20er
A> Auth-Pass: b4d%25pw
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
B> XCLIENT ADDR=192.0.2.1 LOGIN=us+20er NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! b4d%pw
L! b4d%25pw
