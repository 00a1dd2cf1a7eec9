# STLS (starttls on): "+OK", then the TLS handshake (RFC 2595 §4).  After TLS
# STLS is no longer offered in CAPA and is an invalid command
# (nginx-mail.md §3 POP3 "`STLS`"; ngx_mail_pop3_stls refuses when the
# connection already has TLS).
@ protocol pop3;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: +OK POP3 ready
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
C: STLS
S: -ERR invalid command
