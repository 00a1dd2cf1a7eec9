# AUTHENTICATE XOAUTH2 with an initial response (RFC 4959 SASL-IR):
# base64("user=" user ^A "auth=Bearer " token ^A ^A).  The user goes to
# Auth-User, the bearer token to Auth-Pass, Auth-Method: xoauth2 (as
# freenginx); the auth server's Auth-Pass is the backend password and the
# backend login is LOGIN, as for PLAIN.  The token is never logged.
@ imap_auth plain xoauth2;
S: * OK IMAP4 ready
C: a0 CAPABILITY
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=PLAIN AUTH=XOAUTH2
S: a0 OK completed
C: a1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
A> Host: 127.0.0.1
A> Auth-Method: xoauth2
A> Auth-User: alice@example.com
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A< Auth-User: alice
A< Auth-Pass: alice-pw
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {8}
B< + OK
B> alice-pw
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! t0k3n-alice
L! dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
L! alice-pw
