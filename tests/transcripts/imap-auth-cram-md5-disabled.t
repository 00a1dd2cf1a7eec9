# CRAM-MD5 is refused unless imap_auth enables it (nginx-mail.md §3 SASL
# "CRAM-MD5, EXTERNAL and APOP are refused when not enabled").
S: * OK IMAP4 ready
C: a1 AUTHENTICATE CRAM-MD5
S: a1 BAD invalid command
C: a2 NOOP
S: a2 OK completed
