# smtp_auth none: a second MAIL while one is stored ->
# "503 5.5.1 Bad sequence of commands" (nginx-mail.md §3 SMTP; RFC 5321
# §4.1.4).
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: MAIL FROM:<a@example.org>
S: 250 2.0.0 OK
C: MAIL FROM:<b@example.org>
S: 503 5.5.1 Bad sequence of commands
