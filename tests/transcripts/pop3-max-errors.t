# max_errors 3: the third invalid command still gets its reply, then the
# connection closes (nginx-mail.md §1 max_errors; §3 Errors "When the counter
# reaches `max_errors`, the reply is still sent and then the connection
# closes").
@ protocol pop3;
@ max_errors 3;
S: +OK POP3 ready
C: STAT
S: -ERR invalid command
C: NOOP
S: +OK
C: LIST
S: -ERR invalid command
C: RETR 1
S: -ERR invalid command
CLOSED
