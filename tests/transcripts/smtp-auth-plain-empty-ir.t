# "AUTH PLAIN =" is RFC 4954's empty initial response; nginx decodes "=" to
# an empty string and rejects the PLAIN message (no NUL): "500 5.5.1 Invalid
# command" (nginx-mail.md §3 SASL PLAIN "a missing NUL is invalid").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN =
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
