# CRAM-MD5: an initial response is refused (nginx: args.nelts != 1), and a
# response that is not "user SP 32-char digest" is invalid
# (nginx-mail.md §3 SASL CRAM-MD5 "must decode to `user<SP>32 chars`").
@ imap_auth plain cram-md5;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE CRAM-MD5 YWxpY2UgMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=
S: a1 BAD invalid command
C: a2 AUTHENTICATE CRAM-MD5
S: + PDQyNDIuMTcwMDAwMDAwMEBtYWlsLmV4YW1wbGUudGVzdD4=
C: YWxpY2UgMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZQ==
S: a2 BAD invalid command
C: a3 NOOP
S: a3 OK completed
