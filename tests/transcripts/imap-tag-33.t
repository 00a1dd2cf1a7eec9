# A 33-byte tag is invalid, so the reply is untagged: nginx-mail.md §3 IMAP
# "Tag: 1-32 chars ... A bad or missing tag gets `* BAD invalid command`".
S: * OK IMAP4 ready
C: Tag-0.1_abcdefghijklmnopqrstuvwxy NOOP
S: * BAD invalid command
C: a1 NOOP
S: a1 OK completed
