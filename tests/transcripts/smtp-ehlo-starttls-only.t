# starttls only (before TLS): no AUTH line at all, the list ends with
# "250 STARTTLS" (nginx-mail.md §3 SMTP "starttls only (before TLS) drops the
# AUTH line and ends with 250 STARTTLS"; RFC 3207 §4).
@ protocol smtp;
@ smtp_capabilities "SIZE 10485760" 8BITMIME;
@ starttls only;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250-SIZE 10485760
S: 250-8BITMIME
S: 250 STARTTLS
