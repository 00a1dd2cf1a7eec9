# proxy_smtp_auth on: XCLIENT carries no LOGIN=, and after the replayed EHLO
# nginx logs in with "AUTH PLAIN <base64(\0user\0pass)>", expects 235, then
# sends the client its own "235 2.0.0 OK" (nginx-mail.md §1 proxy_smtp_auth,
# §3 SMTP steps 3-4, 6; RFC 4954, RFC 4616).
@ protocol smtp;
@ proxy_smtp_auth on;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHByMHh5LXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pr0xy-pw
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
B< 250-XCLIENT ADDR NAME HELO
B< 250 AUTH PLAIN LOGIN
B> XCLIENT ADDR=192.0.2.1 NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP
B> EHLO client.example
B< 250-backend.example
B< 250 AUTH PLAIN LOGIN
B> AUTH PLAIN AGFsaWNlAHByMHh5LXB3
B< 235 2.7.0 Authentication successful
S: 235 2.0.0 OK
RELAY
L! pr0xy-pw
L! AGFsaWNlAHByMHh5LXB3
