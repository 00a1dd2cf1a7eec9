# A backend reply must end in CRLF (nginx-mail.md §3 "Backend login
# failures"; RFC 5321 §2.3.8): a greeting ending in a bare LF is never
# complete, nothing is sent, and at `timeout` the client gets the internal
# error 451 4.3.2.
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGI0cmUtbGYtcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: b4re-lf-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B<raw 220 backend.example ESMTP\n
T: +60000
S: 451 4.3.2 Internal server error
CLOSED
L! b4re-lf-pw
