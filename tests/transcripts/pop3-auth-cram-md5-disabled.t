# AUTH CRAM-MD5 when pop3_auth does not enable it: invalid command
# (nginx-mail.md §3 SASL "CRAM-MD5, EXTERNAL and APOP are refused when not
# enabled").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH CRAM-MD5
S: -ERR invalid command
C: NOOP
S: +OK
