# starttls only: LOGINDISABLED, no AUTH=, LOGIN refused before TLS.
@ starttls only;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: * OK IMAP4 ready
C: a1 CAPABILITY
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS STARTTLS LOGINDISABLED
S: a1 OK completed
C: a2 LOGIN alice secret
S: a2 BAD invalid command
C: a3 AUTHENTICATE PLAIN
S: a3 BAD invalid command
