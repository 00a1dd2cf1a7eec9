# Auth-Server must be an IP literal; a host name is an internal error:
# "451 4.3.2 Internal server error", close (nginx-mail.md §2 Auth-Server).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGgwc3RuNG1lLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: h0stn4me-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: smtp.example.test
A< Auth-Port: 10025
A<
S: 451 4.3.2 Internal server error
CLOSED
L! h0stn4me-pw
