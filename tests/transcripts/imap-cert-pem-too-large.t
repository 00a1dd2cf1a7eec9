# auth_http_pass_client_cert on and a PEM one line longer than the core
# keeps for Auth-SSL-Cert: 24580 bytes once escaped (365 lines of 64, one of
# 60, newlines as %0A), past PT_CERTPEM_MAX (24576, ~8 KiB of DER; see
# imap-cert-pem-largest.t for the largest that fits).  An auth request
# without it would claim less than the client sent, so the certificate
# counts as failed: "* BYE SSL certificate error", the log line "client SSL
# certificate too large", close, no auth request.  nginx has no such bound
# (ngx_mail_auth_http_create_request in ngx_mail_auth_http_module.c sizes
# its buffer from the escaped PEM, from the connection's pool); postern's
# session memory is fixed when it starts (DESIGN §2), and a failed
# certificate ends the session as ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c does (protocol->cert_error).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
@ auth_http_pass_client_cert on;
TLS cert=ok code=0 verify=SUCCESS subject=CN=alice issuer="CN=Example Client CA" serial=1000 fp=5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a pem="-----BEGIN CERTIFICATE-----\n" "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n"*365 "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n" "-----END CERTIFICATE-----\n"
S: * BYE SSL certificate error
CLOSED
A: none
L: [info] client SSL certificate too large
