# POP3S with ssl_verify_client on and a certificate the CA did not sign
# (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20, which only
# optional_no_ca forgives): "-ERR SSL certificate error" instead of the
# greeting, then close (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c; protocol->cert_error of
# ngx_mail_pop3_module.c; nginx-mail.md §3 Flow).
@ protocol pop3;
@ listen 127.0.0.1:11995 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
TLS cert=untrusted code=20 verify="FAILED:unable to get local issuer certificate" subject=CN=mallory issuer="CN=Other CA" serial=01 fp=ffeeddccbbaa99887766554433221100ffeeddcc
S: -ERR SSL certificate error
CLOSED
A: none
L: client SSL certificate verify error: (20:unable to get local issuer certificate)
