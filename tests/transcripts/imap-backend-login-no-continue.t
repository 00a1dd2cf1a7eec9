# The backend answers "<tag> LOGIN {n}" with anything but a continuation
# request ("+"): the login cannot go on, the internal error (nginx-mail.md
# §3 IMAP Backend dialogue "expects '+'"; Backend login failures).
S: * OK IMAP4 ready
C: a1 LOGIN alice n0-c0nt-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: n0-c0nt-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK Dovecot ready.
B> a1 LOGIN {5}
B< a1 NO [LIMIT] literals not allowed here
S: * BAD internal server error
CLOSED
L: upstream sent invalid response
L! n0-c0nt-pw
