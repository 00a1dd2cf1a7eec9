# An auth error without Auth-Wait: "<tag> NO <text>", then close.
S: * OK IMAP4 ready
C: t1 LOGIN bob wrong
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: wrong
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A<
S: t1 NO Invalid login or password
CLOSED
L: client login failed: "Invalid login or password"
L! wrong
