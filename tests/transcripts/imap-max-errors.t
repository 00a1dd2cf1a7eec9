# max_errors 3: the third invalid command gets its reply, then the close.
@ max_errors 3;
S: * OK IMAP4 ready
C: a1 FOO
S: a1 BAD invalid command
C: a2 SELECT INBOX
S: a2 BAD invalid command
C: !bad
S: * BAD invalid command
CLOSED
