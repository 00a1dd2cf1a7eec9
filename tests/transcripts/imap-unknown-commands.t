# SELECT and ENABLE are not pre-auth commands in nginx: each gets
# "<tag> BAD invalid command" (nginx-mail.md §3 IMAP "Everything else (ID,
# ENABLE, SELECT...) gets BAD").  ID is answered by postern (imap-id.t).
S: * OK IMAP4 ready
C: a2 SELECT INBOX
S: a2 BAD invalid command
C: a3 ENABLE UTF8=ACCEPT
S: a3 BAD invalid command
C: a4 NOOP
S: a4 OK completed
