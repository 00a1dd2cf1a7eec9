# "*" (the RFC 5034 §4 cancel) is not special in nginx: it fails base64
# decoding and the client gets "-ERR invalid command"; then commands are
# read again (nginx-mail.md §3 SASL "The `*` cancel is not special").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH LOGIN
S: + VXNlcm5hbWU6
C: *
S: -ERR invalid command
C: AUTH PLAIN
S: + 
C: *
S: -ERR invalid command
C: NOOP
S: +OK
