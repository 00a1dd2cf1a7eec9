# AUTHENTICATE OAUTHBEARER without an initial response: the empty challenge
# "+ " (RFC 7628 §3.2), then the client response: a GS2 header with the
# user as authzid, key=value pairs, auth=Bearer <token> (RFC 7628 §3.1).
# Without Auth-Pass in the reply the token itself is the backend password
# (freenginx keeps it in s->passwd), which Dovecot's oauth2 passdb takes.
@ imap_auth oauthbearer;
S: * OK IMAP4 ready
C: a0 CAPABILITY
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=OAUTHBEARER
S: a0 OK completed
C: a1 AUTHENTICATE OAUTHBEARER
S: + 
C: bixhPWFsaWNlQGV4YW1wbGUuY29tLAFob3N0PW1haWwuZXhhbXBsZS50ZXN0AXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHQwazNuLWFsaWNlAQE=
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice@example.com
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {17}
B< + OK
B> alice@example.com {11}
B< + OK
B> t0k3n-alice
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! t0k3n-alice
