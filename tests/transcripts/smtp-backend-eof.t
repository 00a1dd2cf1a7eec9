# The backend closes in the middle of the dialogue (after EHLO): internal
# error 451 4.3.2 and close, even with proxy_pass_error_message on since there
# is no reply to pass (nginx-mail.md §3 "Backend login failures").
@ protocol smtp;
@ proxy_pass_error_message on;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGUwZi1zbTdw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: e0f-sm7p
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
B:EOF
S: 451 4.3.2 Internal server error
CLOSED
L! e0f-sm7p
