# The auth server closes before the empty line that ends the headers: the
# reply is incomplete, an internal error even though Status, Server and
# Port came (nginx-mail.md §2 "the auth server ... closes early"; nginx's
# read handler treats recv() == 0 as an internal error).
S: * OK IMAP4 ready
C: a1 LOGIN alice trunc-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: trunc-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A: done
S: * BAD internal server error
CLOSED
L! trunc-pw
