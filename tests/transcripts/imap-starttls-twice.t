# STARTTLS inside TLS is invalid: ngx_mail_imap_starttls accepts it only
# while c->ssl == NULL (nginx-mail.md §3 IMAP "STARTTLS -> OK, then the
# handshake").
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: * OK IMAP4 ready
C: a1 STARTTLS
S: a1 OK completed
TLS
C: a2 STARTTLS
S: a2 BAD invalid command
C: a3 NOOP
S: a3 OK completed
