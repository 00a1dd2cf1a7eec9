# The backend closes in the middle of the login (after "a1 LOGIN {5}"):
# nginx logs "upstream prematurely closed connection" and the client gets
# the internal error (nginx-mail.md §3 Backend login failures).
S: * OK IMAP4 ready
C: a1 LOGIN alice e0f-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: e0f-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B:EOF
S: * BAD internal server error
CLOSED
L! e0f-pw
