# An invalid command whose line ends in a non-synchronizing literal {5+}:
# BAD, then close, so the literal's bytes ("INBOX") never run as a command
# (nginx-mail.md §3 IMAP Arguments; DESIGN §6; RFC 7888 §3).
S: * OK IMAP4 ready
C:raw a1 SELECT {5+}\r\nINBOX\r\n
S: a1 BAD invalid command
CLOSED
