# Bad base64 is an invalid command, as an initial response and as a
# continuation line; the session goes on (nginx-mail.md §3 Errors "bad
# base64 in SASL").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN AGFs!!!!
S: -ERR invalid command
C: AUTH PLAIN
S: + 
C: @@@@
S: -ERR invalid command
C: AUTH LOGIN
S: + VXNlcm5hbWU6
C: YW!p
S: -ERR invalid command
C: NOOP
S: +OK
