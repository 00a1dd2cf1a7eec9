# starttls only: AUTH before TLS is answered as an invalid command, so no
# credentials travel in clear (nginx-mail.md §3 "starttls only ... AUTH are
# answered as invalid commands"; RFC 3207 §4).
@ protocol smtp;
@ starttls only;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGNsMzRyLXB3
S: 500 5.5.1 Invalid command
C: AUTH LOGIN
S: 500 5.5.1 Invalid command
L! cl34r-pw
