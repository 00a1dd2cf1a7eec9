# The backend connects but stays silent for `timeout` (60s): "upstream timed
# out", internal error 451 4.3.2, close (nginx-mail.md §1 timeout "connect/read
# on the backend during the backend login"; §3).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHQxbWUtc203cA==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t1me-sm7p
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
T: +60000
S: 451 4.3.2 Internal server error
CLOSED
L! t1me-sm7p
