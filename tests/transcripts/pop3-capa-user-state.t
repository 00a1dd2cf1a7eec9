# After USER (starttls on, no TLS yet) CAPA gives the list without STLS, and
# STLS itself is an invalid command there: nginx's ngx_pop3_user state takes
# only PASS, CAPA, QUIT and NOOP, and answers CAPA with
# ngx_mail_pop3_capa(s, c, 0), the plain list (nginx-mail.md §3 POP3 "PASS
# is valid only right after USER"; RFC 2595 §4: STLS only in the
# AUTHORIZATION state before USER).  An invalid command returns to the
# start state, so PASS is then refused too.
@ protocol pop3;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: +OK POP3 ready
C: USER alice
S: +OK
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN
S: .
C: STLS
S: -ERR invalid command
C: PASS c4pa-st4te-pw
S: -ERR invalid command
L! c4pa-st4te-pw
