# A HELO/EHLO after MAIL resets the transaction (RFC 5321 §4.1.4 "an EHLO
# command ... is equivalent to RSET"; ngx_mail_smtp_helo clears from/to): a
# RCPT after it gets "503 5.5.1 Bad sequence of commands".
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: MAIL FROM:<a@example.org>
S: 250 2.0.0 OK
C: EHLO client.example
S: 250 mail.example.test
C: RCPT TO:<rcpt@example.net>
S: 503 5.5.1 Bad sequence of commands
