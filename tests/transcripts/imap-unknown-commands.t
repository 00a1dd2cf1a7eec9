# ID, SELECT and ENABLE are not pre-auth commands in nginx: each gets
# "<tag> BAD invalid command" (nginx-mail.md §3 IMAP "Everything else (ID,
# ENABLE, SELECT...) gets BAD"; §5 notes clients asking for ID).
S: * OK IMAP4 ready
C: a1 ID NIL
S: a1 BAD invalid command
C: a2 SELECT INBOX
S: a2 BAD invalid command
C: a3 ENABLE UTF8=ACCEPT
S: a3 BAD invalid command
C: a4 NOOP
S: a4 OK completed
