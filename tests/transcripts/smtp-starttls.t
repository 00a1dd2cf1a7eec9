# STARTTLS (starttls on) -> "220 2.0.0 Start TLS", then the handshake; after
# TLS, EHLO lists the normal capabilities without STARTTLS (nginx-mail.md §3
# SMTP; RFC 3207 §4, §4.2).
@ protocol smtp;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250-AUTH PLAIN LOGIN
S: 250 STARTTLS
C: STARTTLS
S: 220 2.0.0 Start TLS
TLS
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
