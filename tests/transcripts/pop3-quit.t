# QUIT before login: "+OK", then the connection is closed (nginx-mail.md §3
# POP3 "`QUIT` (`+OK`, then close)"; RFC 1939 §6).
@ protocol pop3;
S: +OK POP3 ready
C: QUIT
S: +OK
CLOSED
