# Responses that are not XOAUTH2 / OAUTHBEARER logins are invalid commands
# and never reach the auth server: bad base64, no auth= pair, no user,
# CR LF inside the token (it could end a line toward the backend; DESIGN
# §6), a NUL in the user, and a mechanism imap_auth does not list.
@ imap_auth xoauth2 oauthbearer;
@ max_errors 10;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQ*
S: a1 BAD invalid command
C: a2 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQEB
S: a2 BAD invalid command
C: a3 AUTHENTICATE OAUTHBEARER bixhPWFsaWNlLAFob3N0PXgBAQ==
S: a3 BAD invalid command
C: a4 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0MGsNCkExIExPR09VVAEB
S: a4 BAD invalid command
C: a5 AUTHENTICATE OAUTHBEARER
S: + 
C: bixhPWFsaWNlLAFhdXRoPUJlYXJlciB0MGsNeAEB
S: a5 BAD invalid command
C: a6 AUTHENTICATE XOAUTH2
S: + 
C: 
S: a6 BAD invalid command
A: none
L! t0k
