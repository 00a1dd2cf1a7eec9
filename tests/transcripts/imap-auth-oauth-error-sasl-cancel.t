# "*" (the SASL cancel) also answers the error challenge; with Auth-Wait the
# session goes on.  An Auth-Error-SASL after another mechanism is ignored,
# as freenginx ignores it: the plain failure reply comes at once.
@ imap_auth plain oauthbearer;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Wait: 1
A< Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==
A<
T: +1000
S: + eyJzdGF0dXMiOiI0MDEifQ==
C: *
S: a1 NO Invalid token
C: a2 LOGIN alice wrong
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: wrong
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login
A< Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==
A<
S: a2 NO Invalid login
CLOSED
