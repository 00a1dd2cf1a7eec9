# smtp_auth none: the backend refuses the replayed MAIL (anything but
# 250): the internal error; the RCPT is not sent (nginx-mail.md §3 SMTP
# Backend dialogue step 5; Backend login failures).
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250 mail.example.test
C: MAIL FROM:<sender@example.org>
S: 250 2.0.0 OK
C: RCPT TO:<rcpt@example.net>
A> Host: 127.0.0.1
A> Auth-Method: none
A> Auth-User:\x20
A> Auth-Pass:\x20
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A> Auth-SMTP-Helo: client.example
A> Auth-SMTP-From: MAIL FROM:<sender@example.org>
A> Auth-SMTP-To: RCPT TO:<rcpt@example.net>
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
B> EHLO client.example
B< 250 backend.example
B> MAIL FROM:<sender@example.org>
B< 553 5.7.1 Sender address rejected
S: 451 4.3.2 Internal server error
CLOSED
