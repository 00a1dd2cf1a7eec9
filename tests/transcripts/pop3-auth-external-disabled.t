# AUTH EXTERNAL when pop3_auth does not enable it: invalid command
# (nginx-mail.md §3 SASL "CRAM-MD5, EXTERNAL and APOP are refused when not
# enabled"; §4 "EXTERNAL was accepted even when not enabled (1.11.9)").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH EXTERNAL
S: -ERR invalid command
C: NOOP
S: +OK
