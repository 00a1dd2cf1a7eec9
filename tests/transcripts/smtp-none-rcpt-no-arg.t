# smtp_auth none: RCPT with no argument after a MAIL is "501 5.5.4 Invalid
# argument" and asks nothing of the auth server (nginx-mail.md §3 SMTP
# "RCPT without arguments"; ngx_mail_smtp_rcpt).
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: HELO client.example
S: 250 mail.example.test
C: MAIL FROM:<a@example.org>
S: 250 2.0.0 OK
C: RCPT
S: 501 5.5.4 Invalid argument
A: none
