# Auth-Status OK without Auth-Port: "did not send server or port",
# internal error (nginx-mail.md §2 Auth-Port).
S: * OK IMAP4 ready
C: a1 LOGIN alice n0p0rt-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: n0p0rt-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A<
S: * BAD internal server error
CLOSED
L: did not send server or port
L! n0p0rt-pw
