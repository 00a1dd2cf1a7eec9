# A CRAM-MD5 response must decode to "user<SP>32 chars": a short digest is an
# invalid command and no auth request is made (nginx-mail.md §3 SASL
# "CRAM-MD5 ... The response must decode to `user<SP>32 chars`").
@ protocol pop3;
@ pop3_auth plain cram-md5;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: AUTH CRAM-MD5
S: + PDQyNDIuMTcwMDAwMDAwMEBtYWlsLmV4YW1wbGUudGVzdD4=
C: YWxpY2UgMDEyMw==
S: -ERR invalid command
C: NOOP
S: +OK
