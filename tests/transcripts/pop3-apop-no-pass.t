# APOP, and the auth server says OK without Auth-Pass: the client sent no
# plain password, so nginx logs "did not send password" and the client gets
# the internal error (nginx-mail.md §2 "For IMAP and POP3, `Auth-Pass` is
# **required** whenever the client sent no plain password (apop, cram-md5,
# external)").
@ protocol pop3;
@ pop3_auth plain apop;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: APOP alice 850d2f07da24c94582494eeb8c6d2a99
A> Host: 127.0.0.1
A> Auth-Method: apop
A> Auth-User: alice
A> Auth-Pass: 850d2f07da24c94582494eeb8c6d2a99
A> Auth-Salt: <4242.1700000000@mail.example.test>
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
S: -ERR internal server error
CLOSED
L: did not send password
