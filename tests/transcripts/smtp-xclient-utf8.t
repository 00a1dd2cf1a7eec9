# A UTF-8 login: Auth-User passes it unescaped (only 0x00-0x20 and '%' are
# escaped, nginx-mail.md §2), XCLIENT LOGIN xtext-encodes the bytes > 0x7E
# with upper-case hex: "al\xc3\xa9" -> LOGIN=al+C3+A9 (RFC 3461 §4; §3 SMTP
# step 3).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsw6kAdXRmOC1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: al\xc3\xa9
A> Auth-Pass: utf8-pw
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
B> XCLIENT ADDR=192.0.2.1 LOGIN=al+C3+A9 NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! utf8-pw
