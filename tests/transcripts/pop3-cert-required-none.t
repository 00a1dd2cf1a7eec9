# ssl_verify_client on, POP3 with STLS, no client certificate: the handshake
# that STLS started ends in "-ERR No required SSL certificate" and the
# connection closes; USER/PASS after it reach no one and no auth request is
# made (nginx: ngx_mail_ssl_handshake_handler calls ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c for STARTTLS too, before init_protocol;
# protocol->no_cert of ngx_mail_pop3_module.c; nginx-mail.md §3 Flow).
@ protocol pop3;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
S: +OK POP3 ready
C: STLS
S: +OK
TLS cert=none verify=NONE
S: -ERR No required SSL certificate
CLOSED
C: USER alice
C: PASS never-sent
A: none
L: client sent no required SSL certificate
L! never-sent
