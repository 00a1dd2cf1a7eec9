# starttls on (before TLS): the AUTH line becomes "250-AUTH ..." and a final
# "250 STARTTLS" is appended (nginx-mail.md §3 SMTP "starttls on appends a
# final 250 STARTTLS"; RFC 3207 §4).
@ protocol smtp;
@ smtp_capabilities "SIZE 10485760" 8BITMIME;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250-SIZE 10485760
S: 250-8BITMIME
S: 250-AUTH PLAIN LOGIN
S: 250 STARTTLS
