# Multi-line backend replies (RFC 5321 §4.2.1 "250-...") are collected until
# the final "250 " line, arriving line by line; only then is the next command
# sent (nginx-mail.md §3 SMTP "Multi-line replies are collected until the
# final line").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAG11bHQxLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: mult1-pw
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
B< 250-SIZE 10240000
B< 250-ETRN
B< 250-XCLIENT ADDR LOGIN NAME HELO
B< 250-ENHANCEDSTATUSCODES
B< 250 8BITMIME
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
B> EHLO client.example
B< 250-backend.example
B< 250-PIPELINING
B< 250 8BITMIME
S: 235 2.0.0 OK
RELAY
L! mult1-pw
