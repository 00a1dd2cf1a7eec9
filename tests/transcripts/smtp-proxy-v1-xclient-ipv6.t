# An IPv6 client named by a trusted PROXY header: Client-IP is the plain
# address, XCLIENT ADDR carries Postfix's "IPV6:" prefix (XCLIENT_README:
# "ADDR=IPV6:..." for IPv6 addresses; nginx-mail.md §3 SMTP step 3).
@ protocol smtp;
@ listen 127.0.0.1:11025 proxy_protocol;
@ set_real_ip_from 192.0.2.1;
C:raw PROXY TCP6 2001:db8::7 2001:db8::1 5555 25\r\n
L: client-addr] 2001:db8::7 5555
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 2001:db8::7
A> Client-Host: [UNAVAILABLE]
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=IPV6:2001:db8::7 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
