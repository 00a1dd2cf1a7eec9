# LOGOUT: "* BYE", then "<tag> OK completed", then close (nginx-mail.md §3
# IMAP); a command pipelined after it is never answered.
S: * OK IMAP4 ready
C:raw a1 LOGOUT\r\na2 NOOP\r\n
S: * BYE
S: a1 OK completed
CLOSED
