# POP3 AUTH XOAUTH2 (RFC 5034 §4, Google's format) without an initial
# response: "+ " then the response; listed in CAPA's SASL line and in the
# bare AUTH listing when pop3_auth names it (postern extension).
@ protocol pop3;
@ pop3_auth plain xoauth2 oauthbearer;
S: +OK POP3 ready
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN XOAUTH2 OAUTHBEARER
S: .
C: AUTH
S: +OK methods supported:
S: PLAIN
S: LOGIN
S: XOAUTH2
S: OAUTHBEARER
S: .
C: AUTH XOAUTH2
S: + 
C: dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
A> Host: 127.0.0.1
A> Auth-Method: xoauth2
A> Auth-User: alice@example.com
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A< Auth-User: alice
A< Auth-Pass: alice-pw
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS alice-pw
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! t0k3n-alice
