# proxy_smtp_auth on, proxy_pass_error_message on: the backend's AUTH refusal
# is relayed to the client as is, then the connection closes (nginx-mail.md §1
# proxy_pass_error_message, §3 "Backend login failures").
@ protocol smtp;
@ proxy_smtp_auth on;
@ xclient off;
@ proxy_pass_error_message on;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHIzai1tc2ctcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: r3j-msg-pw
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
B< 250-backend.example
B< 250 AUTH PLAIN
B> AUTH PLAIN AGFsaWNlAHIzai1tc2ctcHc=
B< 535 5.7.8 Error: authentication failed
S: 535 5.7.8 Error: authentication failed
CLOSED
L! r3j-msg-pw
