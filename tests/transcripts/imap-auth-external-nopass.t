# EXTERNAL after the "+ VXNlcm5hbWU6" challenge; the auth server says OK
# but sends no Auth-Pass: "did not send password", internal error and close
# (nginx-mail.md §2 Auth-Pass "Without it: `did not send password`,
# internal error"; §3 SASL EXTERNAL).
@ imap_auth external;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE EXTERNAL
S: + VXNlcm5hbWU6
C: YWxpY2U=
A> Host: 127.0.0.1
A> Auth-Method: external
A> Auth-User: alice
A> Auth-Pass: 
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
S: * BAD internal server error
CLOSED
L: did not send password
