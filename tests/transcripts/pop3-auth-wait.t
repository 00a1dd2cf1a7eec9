# Auth-Wait: the error comes after the wait and the session returns to the
# start of the auth state, so the client can retry with USER and PASS (a
# lone PASS is invalid again); the retry is Auth-Login-Attempt: 2
# (nginx-mail.md §2 "`Auth-Wait: N` ... nginx waits N seconds, sends the
# error, and returns the session to the auth state").
@ protocol pop3;
S: +OK POP3 ready
C: USER bob
S: +OK
C: PASS wr0ng-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: wr0ng-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A< Auth-Wait: 3
A<
T: +2999
T: +1
S: -ERR Invalid login or password
C: PASS r1ght-p0p
S: -ERR invalid command
C: USER bob
S: +OK
C: PASS r1ght-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: r1ght-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> USER bob
B< +OK
B> PASS r1ght-p0p
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! wr0ng-p0p
L! r1ght-p0p
