# NOOP: "+OK" (nginx-mail.md §3 POP3 commands; Replies "success `+OK`").
# Pipelined commands are answered in order, each reply in full before the
# next command is read (nginx-mail.md §3 Pipelining, since 1.21.0).
@ protocol pop3;
S: +OK POP3 ready
C: NOOP
S: +OK
C:raw NOOP\r\nNOOP\r\nCAPA\r\nNOOP\r\n
S: +OK
S: +OK
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN
S: .
S: +OK
