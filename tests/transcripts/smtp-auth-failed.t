# An auth error without Auth-Wait: the client gets "535 5.7.0 <text>" and the
# connection is closed; nginx logs client login failed: "<text>"
# (nginx-mail.md §2 Auth-Error-Code default "535 5.7.0", "Without Auth-Wait,
# the error is sent and the connection closed").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGJvYgB3cjBuZy1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: wr0ng-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A<
S: 535 5.7.0 Invalid login or password
CLOSED
L: client login failed: "Invalid login or password"
L! wr0ng-pw
