# Auth-Wait: the error comes after the wait and the client may retry.
S: * OK IMAP4 ready
C: t1 LOGIN bob wrong
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: wrong
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< Auth-Status: Invalid login or password
A< Auth-Wait: 3
A<
T: +2999
T: +1
S: t1 NO Invalid login or password
C: t2 LOGIN bob right
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: right
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
