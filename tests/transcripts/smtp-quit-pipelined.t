# QUIT in the middle of pipelined commands: the commands before it are
# answered, "221 2.0.0 Bye" is sent and the connection closes; what follows
# QUIT is never answered (nginx-mail.md §3 Pipelining, SMTP QUIT).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C:raw NOOP\r\nQUIT\r\nNOOP\r\n
S: 250 2.0.0 OK
S: 221 2.0.0 Bye
CLOSED
