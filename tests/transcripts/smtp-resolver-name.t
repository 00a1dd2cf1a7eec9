# With `resolver`, postern first asks for the client's name (PTR + forward
# check, done by the shell: RESOLVE -> R:); a checked name becomes
# Client-Host in the auth request and NAME= in XCLIENT (nginx-mail.md §3 SMTP
# "Resolver", §2 Client-Host; ngx_mail_smtp_init_session).
@ protocol smtp;
@ resolver 127.0.0.1;
R: host.example
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHIzczBsdi1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: r3s0lv-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: host.example
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=host.example
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! r3s0lv-pw
