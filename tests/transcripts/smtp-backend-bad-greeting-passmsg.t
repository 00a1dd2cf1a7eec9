# proxy_pass_error_message on: the backend's wrong greeting is relayed to the
# client as is, then close (nginx-mail.md §1 proxy_pass_error_message, §3
# "Backend login failures").
@ protocol smtp;
@ proxy_pass_error_message on;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGJncjMzdC1tLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: bgr33t-m-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 554 5.3.2 No service here
S: 554 5.3.2 No service here
CLOSED
L! bgr33t-m-pw
