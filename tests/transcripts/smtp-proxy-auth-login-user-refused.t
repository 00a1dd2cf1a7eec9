# proxy_smtp_auth with AUTH LOGIN (see smtp-proxy-auth-login.t): the
# backend refuses after the user name (no second 334): the internal error,
# the password is not sent.
@ protocol smtp;
@ proxy_smtp_auth on;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAGV4Y2gtcjNqLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: exch-r3j-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 exchange.example Microsoft ESMTP MAIL Service ready
B> EHLO mail.example.test
B< 250-exchange.example Hello
B< 250 AUTH LOGIN
B> AUTH LOGIN
B< 334 VXNlcm5hbWU6
B> YWxpY2U=
B< 535 5.7.3 Authentication unsuccessful
S: 451 4.3.2 Internal server error
CLOSED
L! exch-r3j-pw
L! ZXhjaC1yM2otcHc=
