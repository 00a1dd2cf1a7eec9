# SMTP behind a trusted balancer: the bytes after the header in the same
# packet are the client's first command, and XCLIENT ADDR carries the
# address the header named.
@ protocol smtp;
@ listen 127.0.0.1:11025 proxy_protocol;
@ set_real_ip_from 192.0.2.1;
C:raw PROXY TCP4 203.0.113.7 198.51.100.1 5555 25\r\nEHLO client.example\r\n
S: 220 mail.example.test ESMTP ready
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 203.0.113.7
A> Client-Host: [UNAVAILABLE]
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=203.0.113.7 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
B> EHLO client.example
B< 250 backend.example
S: 235 2.0.0 OK
RELAY
