# A tag of exactly 32 bytes from [A-Za-z0-9-._] is valid and echoed back:
# nginx-mail.md §3 IMAP "Tag: 1-32 chars from [A-Za-z0-9-._]".
S: * OK IMAP4 ready
C: Tag-0.1_abcdefghijklmnopqrstuvwx NOOP
S: Tag-0.1_abcdefghijklmnopqrstuvwx OK completed
