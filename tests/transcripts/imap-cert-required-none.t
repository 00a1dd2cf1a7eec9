# ssl_verify_client on and the client sent no certificate: right after the
# handshake, before any greeting, "* BYE No required SSL certificate", the
# log line "client sent no required SSL certificate", and the connection
# closes; no auth request is ever made (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c, verify == 1 and SSL_get_peer_certificate()
# NULL: s->out = protocol->no_cert, s->quit = 1; nginx-mail.md §3 Flow).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
TLS cert=none verify=NONE
S: * BYE No required SSL certificate
CLOSED
C: a1 LOGIN alice never-sent
A: none
L: client sent no required SSL certificate
L! never-sent
