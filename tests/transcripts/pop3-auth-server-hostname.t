# Auth-Server must be an IP literal; a host name is "invalid server
# address", an internal error: "-ERR internal server error" and close
# (nginx-mail.md §2 Auth-Server; "The internal-error lines are ...
# `-ERR internal server error` (POP3)").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS h0st-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: h0st-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: pop.example.test
A< Auth-Port: 10110
A<
S: -ERR internal server error
CLOSED
L: invalid server address
L! h0st-p0p
