# starttls on: STARTTLS is advertised; after TLS it is not, and no second greeting.
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ imap_auth plain login cram-md5;
S: * OK IMAP4 ready
C: a1 CAPABILITY
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 STARTTLS
S: a1 OK completed
C: a2 STARTTLS
S: a2 OK completed
TLS
C: a3 CAPABILITY
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5
S: a3 OK completed
