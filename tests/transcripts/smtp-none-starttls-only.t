# starttls only with smtp_auth none: MAIL before TLS is an invalid command
# too, as AUTH is (nginx-mail.md §3 "starttls only"; RFC 3207 §4).
@ protocol smtp;
@ smtp_auth none;
@ starttls only;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 STARTTLS
C: MAIL FROM:<a@example.org>
S: 500 5.5.1 Invalid command
A: none
