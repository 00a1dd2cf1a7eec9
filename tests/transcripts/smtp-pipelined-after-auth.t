# Commands pipelined after AUTH wait, unread, during auth_http and the backend
# dialogue; once relaying starts they go to the backend (nginx-mail.md §2
# "pipelined data survives", §3 Pipelining "Bytes left in the buffer when
# login completes are forwarded").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C:raw AUTH PLAIN AGFsaWNlAHAxcDMtc203cA==\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: p1p3-sm7p
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
S: 235 2.0.0 OK
RELAY: MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n
L! p1p3-sm7p
