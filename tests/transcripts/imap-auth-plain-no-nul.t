# PLAIN needs both NULs: "alicesecret" (none) and "\0alice" (one) are
# invalid (nginx-mail.md §3 SASL PLAIN "a missing NUL is invalid").
S: * OK IMAP4 ready
C: a1 AUTHENTICATE PLAIN YWxpY2VzZWNyZXQ=
S: a1 BAD invalid command
C: a2 AUTHENTICATE PLAIN AGFsaWNl
S: a2 BAD invalid command
C: a3 NOOP
S: a3 OK completed
