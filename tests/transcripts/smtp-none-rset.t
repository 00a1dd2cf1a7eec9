# RSET aborts the mail transaction and discards the stored MAIL (RFC 5321
# §4.1.1.5; nginx's ngx_mail_smtp_rset clears from/to): a RCPT after it gets
# "503 5.5.1 Bad sequence of commands".
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: MAIL FROM:<a@example.org>
S: 250 2.0.0 OK
C: RSET
S: 250 2.0.0 OK
C: RCPT TO:<rcpt@example.net>
S: 503 5.5.1 Bad sequence of commands
