# AUTH with an unknown mechanism, or with too many arguments, is an invalid
# command (nginx-mail.md §3 Errors "unknown command, wrong argument count";
# ngx_mail_auth_parse: CRAM-MD5 takes no initial response, PLAIN/LOGIN at
# most one).
@ protocol pop3;
@ pop3_auth plain cram-md5;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: AUTH XOAUTH2 dXNlcj1hbGljZQ==
S: -ERR invalid command
C: AUTH CRAM-MD5 YWxpY2UgMDQ3M2M4MGFmMTEyMzgwYTgwODhiYmM1NWQ3Nzg0NzY=
S: -ERR invalid command
C: AUTH PLAIN AGFsaWNlAHBsNDFuLWlyLXB3 extra
S: -ERR invalid command
C: NOOP
S: +OK
L! pl41n-ir-pw
