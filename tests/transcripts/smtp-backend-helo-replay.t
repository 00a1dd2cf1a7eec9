# The client said HELO: with xclient on nginx still greets the backend with
# EHLO <server_name> (EHLO "if the client used EHLO or xclient is on"), sends
# XCLIENT, then replays the client's own "HELO <arg>" and expects 250
# (nginx-mail.md §3 SMTP Backend dialogue steps 2-3).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: HELO client.example
S: 250 mail.example.test
C: AUTH PLAIN AGFsaWNlAGgzbDAtcjNwLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: h3l0-r3p-pw
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
B< 250 backend.example
S: 235 2.0.0 OK
RELAY
L! h3l0-r3p-pw
