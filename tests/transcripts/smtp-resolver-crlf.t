# CVE-2026-28753: a PTR name holding CR LF was copied into the auth request
# (Client-Host) and into XCLIENT NAME, injecting headers/commands.  Since
# nginx 1.29.7 the name is validated to [A-Za-z0-9.-]; an invalid name is
# treated as a temporary failure, "[TEMPUNAVAIL]" (nginx-mail.md §2
# Client-Host, §3 Resolver "[TEMPUNAVAIL] on ... an invalid name", §4).
@ protocol smtp;
@ resolver 127.0.0.1;
R: evil.example\r\nAuth-Status: OK\r\nX-Injected: 1
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGNybGYtaDBzdC1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: crlf-h0st-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [TEMPUNAVAIL]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[TEMPUNAVAIL]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! crlf-h0st-pw
