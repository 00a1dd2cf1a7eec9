# XOAUTH2 and OAUTHBEARER are off unless imap_auth lists them (nginx
# 1.22 knows neither): not advertised, and AUTHENTICATE gets BAD.
S: * OK IMAP4 ready
C: a0 CAPABILITY
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=PLAIN
S: a0 OK completed
C: a1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
S: a1 BAD invalid command
C: a2 AUTHENTICATE OAUTHBEARER
S: a2 BAD invalid command
A: none
