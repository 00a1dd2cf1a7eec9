# ssl_verify_client optional still refuses a certificate that was sent and
# failed: "* BYE SSL certificate error" and close, here for a signature that
# does not verify (X509_V_ERR_CERT_SIGNATURE_FAILURE = 7) (nginx:
# ngx_mail_verify_cert in src/mail/ngx_mail_handler.c: any verify result
# but X509_V_OK fails unless verify == 3 (optional_no_ca) forgives it;
# nginx-mail.md §3 Flow).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client optional;
@ ssl_client_certificate ca.pem;
TLS cert=bad code=7 verify="FAILED:certificate signature failure" subject=CN=alice issuer="CN=Example Client CA" serial=1000 fp=5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
S: * BYE SSL certificate error
CLOSED
A: none
L: client SSL certificate verify error: (7:certificate signature failure)
