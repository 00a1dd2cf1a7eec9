# PASS is valid only right after USER: on its own it is an invalid command
# (nginx-mail.md §3 POP3 "PASS is valid only right after USER"; Replies
# "failure `-ERR invalid command`").  The session goes on.
@ protocol pop3;
S: +OK POP3 ready
C: PASS n0-us3r-pw
S: -ERR invalid command
C: NOOP
S: +OK
L! n0-us3r-pw
