# QUIT -> "221 2.0.0 Bye", then the connection is closed (nginx-mail.md §3
# SMTP; RFC 5321 §4.1.1.10).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: QUIT
S: 221 2.0.0 Bye
CLOSED
