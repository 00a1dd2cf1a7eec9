# RFC 3207 §4.2: after STARTTLS the server must discard what it learned from
# the client; nginx forgets HELO, MAIL FROM and RCPT TO (nginx-mail.md §3
# Pipelining "SMTP STARTTLS also forgets HELO, FROM and TO"; DESIGN §6).  With
# smtp_auth none, a MAIL given before TLS no longer counts: RCPT gets 503.
@ protocol smtp;
@ smtp_auth none;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 STARTTLS
C: MAIL FROM:<alice@example.org>
S: 250 2.0.0 OK
C: STARTTLS
S: 220 2.0.0 Start TLS
TLS
C: RCPT TO:<bob@example.net>
S: 503 5.5.1 Bad sequence of commands
