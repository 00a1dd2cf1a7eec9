# proxy_smtp_auth toward a backend that offers only AUTH LOGIN (see
# smtp-proxy-auth-login.t): a refusal of "AUTH LOGIN" itself (no 334) is
# the internal error, and the password never goes out.
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
B< 504 5.7.4 Unrecognized authentication type
S: 451 4.3.2 Internal server error
CLOSED
L! exch-r3j-pw
