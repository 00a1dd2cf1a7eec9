# The certificate's text fields (Verify, Subject, Issuer, Serial,
# Fingerprint) have a budget of their own, PT_CERTINFO_MAX (8192 bytes),
# whatever auth_http_pass_client_cert leaves room for: a subject of 8193
# bytes is refused as a failed certificate ("* BYE SSL certificate error",
# "client SSL certificate too large", close, no auth request) even with the
# PEM's room unused.  nginx has no such bound (the DN is printed into the
# connection's pool, ngx_ssl_get_subject_dn); postern's session memory is
# fixed when it starts (DESIGN §2) and an auth request without the subject
# would claim less than the client sent.  The refusal is
# ngx_mail_verify_cert's (src/mail/ngx_mail_handler.c, protocol->cert_error).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
@ auth_http_pass_client_cert on;
TLS cert=ok code=0 verify=SUCCESS subject="CN=" "a"*8190 pem="-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"
S: * BYE SSL certificate error
CLOSED
A: none
L: client SSL certificate too large
