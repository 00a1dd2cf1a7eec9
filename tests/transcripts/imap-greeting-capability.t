# The greeting, CAPABILITY with the defaults, NOOP and LOGOUT (nginx's texts).
S: * OK IMAP4 ready
C: a1 CAPABILITY
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=PLAIN
S: a1 OK completed
C: a2 NOOP
S: a2 OK completed
C: a3 LOGOUT
S: * BYE
S: a3 OK completed
CLOSED
