# smtp_auth none: RCPT before MAIL -> "503 5.5.1 Bad sequence of commands",
# no auth request (nginx-mail.md §3 SMTP; RFC 5321 §4.1.4).
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: RCPT TO:<rcpt@example.net>
S: 503 5.5.1 Bad sequence of commands
C: NOOP
S: 250 2.0.0 OK
