# CVE-2014-3556: bytes pipelined after STARTTLS are dropped, never run.
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: * OK IMAP4 ready
C:raw a1 STARTTLS\r\na2 LOGIN mallory evil\r\n
S: a1 OK completed
TLS
C: a3 NOOP
S: a3 OK completed
