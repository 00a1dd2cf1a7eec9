# RCPT when smtp_auth has no "none": no MAIL can be stored (MAIL gets 530), so
# RCPT is always "RCPT before MAIL": "503 5.5.1 Bad sequence of commands"
# (nginx-mail.md §3 SMTP "RCPT before MAIL -> 503"; nginx's ngx_mail_smtp_rcpt
# checks only that a MAIL is stored, not the auth methods; RFC 5321 §4.1.4).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: MAIL FROM:<alice@example.org>
S: 530 5.7.1 Authentication required
C: RCPT TO:<bob@example.net>
S: 503 5.5.1 Bad sequence of commands
