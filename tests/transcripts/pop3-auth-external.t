# AUTH EXTERNAL (pop3_auth external) without an initial response: the
# challenge "+ VXNlcm5hbWU6", then the base64 identity; Auth-Method:
# external with an empty Auth-Pass; the auth server supplies the backend's
# password (nginx-mail.md §3 SASL EXTERNAL; §2 "Auth-Pass ... empty for
# external", "Auth-Pass is required whenever the client sent no plain
# password").
@ protocol pop3;
@ pop3_auth external;
S: +OK POP3 ready
C: AUTH EXTERNAL
S: + VXNlcm5hbWU6
C: YWxpY2VAZXhhbXBsZS50ZXN0
A> Host: 127.0.0.1
A> Auth-Method: external
A> Auth-User: alice@example.test
A> Auth-Pass: 
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A< Auth-Pass: 3xt-b4ck3nd
A<
B< +OK Dovecot ready.
B> USER alice@example.test
B< +OK
B> PASS 3xt-b4ck3nd
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! 3xt-b4ck3nd
