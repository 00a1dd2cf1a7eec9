# POP3: bad base64, no auth= pair, CR LF in the token, a mechanism
# pop3_auth does not list: "-ERR invalid command", no auth request.
@ protocol pop3;
@ pop3_auth xoauth2;
@ max_errors 10;
S: +OK POP3 ready
C: AUTH XOAUTH2 dXNlcj1hbGljZQ*
S: -ERR invalid command
C: AUTH XOAUTH2 dXNlcj1hbGljZQEB
S: -ERR invalid command
C: AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0MGsNCkExIExPR09VVAEB
S: -ERR invalid command
C: AUTH OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
S: -ERR invalid command
A: none
