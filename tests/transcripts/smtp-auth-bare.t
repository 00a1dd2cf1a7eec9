# AUTH without a mechanism -> "501 5.5.4 Invalid argument" (nginx-mail.md §3
# SMTP "The same reply goes to a bare AUTH"; RFC 4954 §4).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH
S: 501 5.5.4 Invalid argument
C: NOOP
S: 250 2.0.0 OK
