# ssl_verify_client optional_no_ca forgives only a missing trusted issuer:
# an expired certificate (X509_V_ERR_CERT_HAS_EXPIRED = 10) is still
# refused with "* BYE SSL certificate error" and the connection closes
# (nginx: ngx_mail_verify_cert in src/mail/ngx_mail_handler.c; 10 is not
# one of ngx_ssl_verify_error_optional()'s codes).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client optional_no_ca;
TLS cert=bad code=10 verify="FAILED:certificate has expired" subject="CN=bob,OU=Mail" issuer="CN=bob,OU=Mail" serial=7F01 fp=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c
S: * BYE SSL certificate error
CLOSED
A: none
L: client SSL certificate verify error: (10:certificate has expired)
