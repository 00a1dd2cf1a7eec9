# ssl_verify_client on, SMTP with STARTTLS, no client certificate: after the
# handshake "421 4.7.1 No required SSL certificate" and the connection
# closes; no auth request is made (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c, protocol->no_cert of ngx_mail_smtp_module.c;
# nginx-mail.md §3 Flow).
@ protocol smtp;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250-AUTH PLAIN LOGIN
S: 250 STARTTLS
C: STARTTLS
S: 220 2.0.0 Start TLS
TLS cert=none verify=NONE
S: 421 4.7.1 No required SSL certificate
CLOSED
C: AUTH PLAIN AGFsaWNlAG5ldmVyLXNlbnQ=
A: none
L: client sent no required SSL certificate
