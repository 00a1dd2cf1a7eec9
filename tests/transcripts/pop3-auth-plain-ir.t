# AUTH PLAIN with an initial response (RFC 5034 §4, RFC 4616): Auth-Method:
# plain, then the backend login with the decoded user and password
# (nginx-mail.md §3 SASL PLAIN).
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN AGFsaWNlAHBsNDFuLWlyLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pl41n-ir-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS pl41n-ir-pw
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! pl41n-ir-pw
L! AGFsaWNlAHBsNDFuLWlyLXB3
