# Auth-Wait: N: the error is sent after N seconds and the session returns to
# the command state, so the client may retry; the next request says
# Auth-Login-Attempt: 2 (nginx-mail.md §2 Auth-Wait, Auth-Login-Attempt).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGJvYgB3cjBuZy13NDF0
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: wr0ng-w41t
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A< Auth-Wait: 3
A<
T: +2999
T: +1
S: 535 5.7.0 Invalid login or password
C: AUTH PLAIN AGJvYgByMWdodC13NDF0
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: r1ght-w41t
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 2
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
B> XCLIENT ADDR=192.0.2.1 LOGIN=bob NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! wr0ng-w41t
L! r1ght-w41t
