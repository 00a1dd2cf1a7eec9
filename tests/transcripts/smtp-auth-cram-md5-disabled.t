# AUTH CRAM-MD5 when smtp_auth does not list cram-md5 (default plain login):
# invalid command, "500 5.5.1 Invalid command" (nginx-mail.md §3 SASL
# "CRAM-MD5, EXTERNAL and APOP are refused when not enabled").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH CRAM-MD5
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
