# Pipelining (nginx >= 1.21.0): commands in one segment are answered in
# order, each reply after the previous one (nginx-mail.md §3 Pipelining).
S: * OK IMAP4 ready
C:raw a1 NOOP\r\na2 CAPABILITY\r\na3 NOOP\r\n
S: a1 OK completed
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=PLAIN
S: a2 OK completed
S: a3 OK completed
