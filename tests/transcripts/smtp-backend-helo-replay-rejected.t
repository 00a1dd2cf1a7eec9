# The backend refuses the client's replayed HELO (anything but 250): the
# internal error (nginx-mail.md §3 SMTP Backend dialogue step 3 "expects
# 250"; Backend login failures).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: HELO client.example
S: 250 mail.example.test
C: AUTH PLAIN AGFsaWNlAGgzbDAtbjAtcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: h3l0-n0-pw
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
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
B> HELO client.example
B< 501 5.5.2 Syntax: HELO hostname
S: 451 4.3.2 Internal server error
CLOSED
L! h3l0-n0-pw
