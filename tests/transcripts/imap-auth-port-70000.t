# Auth-Port above 65535 is an internal error (nginx-mail.md §2
# "`Auth-Port`: 1..65535").
S: * OK IMAP4 ready
C: a1 LOGIN alice p0rt7-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: p0rt7-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 70000
A<
S: * BAD internal server error
CLOSED
L: invalid server port
L! p0rt7-pw
