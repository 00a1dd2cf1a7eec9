# starttls only, before TLS: CAPA leaves out USER and the SASL line and ends
# with STLS (nginx-mail.md §3 POP3 "Under `starttls only`, before TLS, the
# list omits `USER` and `SASL` and ends with `STLS` and `.`").  After STLS
# and the handshake the normal list comes back, without STLS.
@ protocol pop3;
@ starttls only;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: +OK POP3 ready
C: CAPA
S: +OK Capability list follows
S: TOP
S: UIDL
S: STLS
S: .
C: STLS
S: +OK
TLS
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN
S: .
