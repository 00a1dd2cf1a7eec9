# ssl_verify_client optional and a self-signed certificate
# (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT = 18): only optional_no_ca lets a
# missing trusted issuer through, so "optional" refuses it with "* BYE SSL
# certificate error" (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c, "sslcf->verify != 3 ||
# !ngx_ssl_verify_error_optional(rc)").
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client optional;
@ ssl_client_certificate ca.pem;
TLS cert=untrusted code=18 verify="FAILED:self-signed certificate" subject=CN=alice issuer=CN=alice serial=01 fp=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
S: * BYE SSL certificate error
CLOSED
A: none
L: client SSL certificate verify error: (18:self-signed certificate)
