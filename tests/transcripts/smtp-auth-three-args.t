# AUTH takes a mechanism and at most an initial response: a third word is
# an invalid command (nginx-mail.md §3 SMTP AUTH; ngx_mail_smtp_auth).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHB3 extra
S: 500 5.5.1 Invalid command
A: none
