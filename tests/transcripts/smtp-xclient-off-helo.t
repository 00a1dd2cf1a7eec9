# xclient off and the client said HELO: the backend gets "HELO <server_name>"
# (not EHLO), no XCLIENT and no replay; after 250 the client gets "235 2.0.0
# OK" (nginx-mail.md §1 xclient, §3 SMTP step 2).
@ protocol smtp;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: HELO client.example
S: 250 mail.example.test
C: AUTH PLAIN AGFsaWNlAHhvZmYtaDNsMA==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: xoff-h3l0
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
B> HELO mail.example.test
B< 250 backend.example
S: 235 2.0.0 OK
RELAY
L! xoff-h3l0
