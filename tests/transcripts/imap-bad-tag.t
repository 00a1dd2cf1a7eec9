# A missing tag ("NOOP" alone) and a tag with a byte outside [A-Za-z0-9-._]
# are answered untagged: nginx-mail.md §3 IMAP "A bad or missing tag gets
# `* BAD invalid command`" (ngx_mail_imap_handler.c uses imap_star "* ").
S: * OK IMAP4 ready
C: NOOP
S: * BAD invalid command
C: a+1 NOOP
S: * BAD invalid command
C: a1 NOOP
S: a1 OK completed
