# AUTH EXTERNAL with the identity as initial response: no challenge, the
# auth request right away (nginx-mail.md §3 SASL "EXTERNAL: base64 identity,
# given as an initial response or after a `VXNlcm5hbWU6` challenge").
@ protocol pop3;
@ pop3_auth plain external;
S: +OK POP3 ready
C: AUTH EXTERNAL YWxpY2VAZXhhbXBsZS50ZXN0
A> Host: 127.0.0.1
A> Auth-Method: external
A> Auth-User: alice@example.test
A> Auth-Pass: 
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
