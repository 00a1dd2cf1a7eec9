# starttls only: before TLS, USER, APOP and AUTH (with or without a
# mechanism) are invalid commands; CAPA and NOOP work; after STLS and the
# handshake USER is accepted (nginx-mail.md §3 "`starttls only`. Before TLS,
# LOGIN, AUTHENTICATE, USER, APOP and AUTH are answered as invalid
# commands"; §4 "POP3 `starttls only` allowed auth before TLS (0.5.15)").
@ protocol pop3;
@ starttls only;
@ pop3_auth plain apop;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: USER alice
S: -ERR invalid command
C: APOP alice 850d2f07da24c94582494eeb8c6d2a99
S: -ERR invalid command
C: AUTH PLAIN AGFsaWNlAHBsNDFuLWlyLXB3
S: -ERR invalid command
C: AUTH
S: -ERR invalid command
C: NOOP
S: +OK
C: STLS
S: +OK
TLS
C: USER alice
S: +OK
L! pl41n-ir-pw
L! AGFsaWNlAHBsNDFuLWlyLXB3
