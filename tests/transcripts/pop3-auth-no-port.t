# Auth-Status OK without Auth-Port: "did not send server or port", internal
# error and close (nginx-mail.md §2 Auth-Port "If either is missing on
# success: `did not send server or port`, internal error").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS n0p0rt-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: n0p0rt-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A<
S: -ERR internal server error
CLOSED
L: did not send server or port
L! n0p0rt-p0p
