# SMTP: bad base64, no auth= pair, CR LF in the token, a mechanism
# smtp_auth does not list: "500 5.5.1 Invalid command", no auth request.
@ protocol smtp;
@ smtp_auth plain oauthbearer;
@ max_errors 10;
S: 220 mail.example.test ESMTP ready
C: AUTH OAUTHBEARER bixhPWFsaWNlLAFob3N0PX*
S: 500 5.5.1 Invalid command
C: AUTH OAUTHBEARER bixhPWFsaWNlLAFob3N0PXgBAQ==
S: 500 5.5.1 Invalid command
C: AUTH OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciB0MGsNeAEB
S: 500 5.5.1 Invalid command
C: AUTH XOAUTH2 dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
S: 500 5.5.1 Invalid command
A: none
