# ssl_verify_client on and the client's certificate failed its check (here:
# expired, X509_V_ERR_CERT_HAS_EXPIRED = 10): "* BYE SSL certificate error"
# before any greeting, the info line "client SSL certificate verify error:
# (10:certificate has expired)", and the connection closes; no auth request
# (nginx: ngx_mail_verify_cert in src/mail/ngx_mail_handler.c,
# SSL_get_verify_result() != X509_V_OK: that log line with
# X509_verify_cert_error_string(), s->out = protocol->cert_error,
# s->quit = 1; nginx-mail.md §3 Flow).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
TLS cert=bad code=10 verify="FAILED:certificate has expired" subject=CN=alice issuer="CN=Example Client CA" serial=0A fp=00112233445566778899aabbccddeeff00112233
S: * BYE SSL certificate error
CLOSED
A: none
L: [info] client SSL certificate verify error: (10:certificate has expired)
