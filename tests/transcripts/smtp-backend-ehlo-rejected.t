# The backend answers EHLO with something else than 250: internal error
# 451 4.3.2 and close (nginx-mail.md §3 SMTP step 2 "Expect 250").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlADNobDAtcjNqLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 3hl0-r3j-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP
B> EHLO mail.example.test
B< 502 5.5.2 Error: command not recognized
S: 451 4.3.2 Internal server error
CLOSED
L! 3hl0-r3j-pw
