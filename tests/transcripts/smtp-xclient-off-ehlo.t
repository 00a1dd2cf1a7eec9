# xclient off and the client said EHLO: the backend gets "EHLO <server_name>",
# no XCLIENT, no replay (nginx-mail.md §3 SMTP step 2 "Send EHLO <server_name>
# if the client used EHLO").
@ protocol smtp;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHhvZmYtM2hsMA==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: xoff-3hl0
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
B< 250 8BITMIME
S: 235 2.0.0 OK
RELAY
L! xoff-3hl0
