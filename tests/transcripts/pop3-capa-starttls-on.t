# starttls on: CAPA adds "STLS" after the SASL line, before the final "."
# (nginx-mail.md §3 POP3 CAPA "then `[STLS]`, then `.`"; RFC 2595 §4).
@ protocol pop3;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: +OK POP3 ready
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN
S: STLS
S: .
