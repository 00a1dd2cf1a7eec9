# SMTP STARTTLS with ssl_verify_client on and a revoked certificate
# (X509_V_ERR_CERT_REVOKED = 23): "421 4.7.1 SSL certificate error" right
# after the handshake, then close; the EHLO and AUTH the client pipelines
# behind it are never answered (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c; protocol->cert_error of
# ngx_mail_smtp_module.c; nginx-mail.md §3 Flow).
@ protocol smtp;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
S: 220 mail.example.test ESMTP ready
C: STARTTLS
S: 220 2.0.0 Start TLS
TLS cert=bad code=23 verify="FAILED:certificate revoked" subject=CN=alice issuer="CN=Example Client CA" serial=1001 fp=0123456789abcdef0123456789abcdef01234567
S: 421 4.7.1 SSL certificate error
CLOSED
C: EHLO client.example
C: AUTH PLAIN AGFsaWNlAG5ldmVyLXNlbnQ=
A: none
L: client SSL certificate verify error: (23:certificate revoked)
