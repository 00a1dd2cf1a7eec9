# The whole happy path: EHLO, AUTH PLAIN with an initial response (RFC 4954
# §4, RFC 4616), the auth request in nginx's order with Auth-Protocol: smtp and
# Client-Host (nginx-mail.md §2), then the backend dialogue (§3 SMTP "Backend
# dialogue"): 220, EHLO <server_name>, XCLIENT ADDR/LOGIN/NAME, 220, replay of
# the client's EHLO, 250; then postern's own "235 2.0.0 OK" and relaying.
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHMzY3IzdC1zbTdw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s3cr3t-sm7p
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
B> EHLO client.example
B< 250-backend.example
B< 250 PIPELINING
S: 235 2.0.0 OK
RELAY:
L! s3cr3t-sm7p
L! AGFsaWNlAHMzY3IzdC1zbTdw
