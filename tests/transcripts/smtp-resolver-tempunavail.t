# When the lookup fails temporarily (SERVFAIL, timeout) the shell answers
# "[TEMPUNAVAIL]"; it is passed on unchanged as Client-Host and XCLIENT NAME
# (nginx-mail.md §3 Resolver; ngx_mail_smtp_resolve_addr_handler
# smtp_tempunavail; Postfix XCLIENT_README: NAME=[TEMPUNAVAIL]).
@ protocol smtp;
@ resolver 127.0.0.1;
R: [TEMPUNAVAIL]
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHQzbXB1bi1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t3mpun-pw
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
L! t3mpun-pw
