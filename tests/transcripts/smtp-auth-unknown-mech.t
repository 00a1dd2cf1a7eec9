# AUTH with a mechanism nginx does not know (DIGEST-MD5) is an invalid
# command: "500 5.5.1 Invalid command" (ngx_mail_auth_parse; nginx-mail.md §3
# SASL).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH DIGEST-MD5
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
