# NOOP and RSET -> "250 2.0.0 OK" (nginx-mail.md §3 SMTP; RFC 5321 §4.1.1.5,
# §4.1.1.9).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: NOOP
S: 250 2.0.0 OK
C: RSET
S: 250 2.0.0 OK
