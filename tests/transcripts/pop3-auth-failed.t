# An auth error without Auth-Wait: "-ERR <text>", then the connection is
# closed; logged as client login failed (nginx-mail.md §2 "The client gets
# ... `-ERR <text>` (POP3)"; "Without Auth-Wait, the error is sent and the
# connection closed").
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
A<
S: -ERR Invalid login or password
CLOSED
L: client login failed: "Invalid login or password"
L! wr0ng-p0p
