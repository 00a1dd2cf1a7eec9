# smtp_auth none: MAIL without an argument -> "501 5.5.4 Invalid argument",
# nothing is stored (ngx_mail_smtp_mail; RFC 5321 §4.1.1.2 needs FROM:).
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: MAIL
S: 501 5.5.4 Invalid argument
C: RCPT TO:<rcpt@example.net>
S: 503 5.5.1 Bad sequence of commands
