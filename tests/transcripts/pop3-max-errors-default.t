# max_errors defaults to 5, and every kind of invalid command counts: an
# unknown command, PASS without USER, a wrong argument count, an unknown
# mechanism, bad base64 (nginx-mail.md §1 max_errors default 5; §3 Errors
# "Every invalid command (unknown command, wrong argument count, bad base64
# in SASL, ...) increments a counter").
@ protocol pop3;
S: +OK POP3 ready
C: STAT
S: -ERR invalid command
C: PASS m4x-pw
S: -ERR invalid command
C: USER
S: -ERR invalid command
C: AUTH FOO
S: -ERR invalid command
C: NOOP
S: +OK
C: AUTH PLAIN !!!!
S: -ERR invalid command
CLOSED
L! m4x-pw
