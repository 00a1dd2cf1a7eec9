# XCLIENT may be answered with 250 as well as 220 (nginx-mail.md §3 SMTP step
# 3 "expect 220 or 250").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHgyNTAtcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: x250-pw
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
B< 250 2.0.0 Ok
S: 235 2.0.0 OK
RELAY
L! x250-pw
