# A multi-line 220 greeting ("220-..." then "220 ...", RFC 5321 §4.2.1) is one
# reply: EHLO is sent only after its last line (nginx-mail.md §3 SMTP
# "Multi-line replies are collected until the final line").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAG11bHQxLWdyMzN0
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: mult1-gr33t
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220-backend.example ESMTP
B< 220-No UCE
B< 220 backend.example ready
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! mult1-gr33t
