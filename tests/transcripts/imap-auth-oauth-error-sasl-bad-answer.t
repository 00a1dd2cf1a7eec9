# After the Auth-Error-SASL challenge, a response that is not the dummy
# one (%x01, empty, "*") is an invalid command, and without Auth-Wait the
# connection closes (freenginx's auth_quit).
@ imap_auth xoauth2;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: xoauth2
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==
A<
S: + eyJzdGF0dXMiOiI0MDEifQ==
C: Zm9v
S: a1 BAD invalid command
CLOSED
