# AUTH PLAIN whose decoded message has no NUL separator: invalid command
# (nginx-mail.md §3 SASL "a missing NUL is invalid").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN YWxpY2VwYXNzd29yZA==
S: -ERR invalid command
C: NOOP
S: +OK
L! YWxpY2VwYXNzd29yZA==
L! alicepassword
