# AUTH CRAM-MD5 whose user decodes to "alice\r\nDELE 1": refused, since the
# user becomes the backend's USER argument (PR nginx/nginx#1620 names AUTH
# CRAM-MD5; DESIGN §6).
@ protocol pop3;
@ pop3_auth plain cram-md5;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: AUTH CRAM-MD5
S: + PDQyNDIuMTcwMDAwMDAwMEBtYWlsLmV4YW1wbGUudGVzdD4=
C: YWxpY2UNCkRFTEUgMSAwNDczYzgwYWYxMTIzODBhODA4OGJiYzU1ZDc3ODQ3Ng==
S: -ERR invalid command
C: NOOP
S: +OK
L! DELE 1
