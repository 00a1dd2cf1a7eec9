# The full order of an SMTP auth request (nginx-mail.md §2): ... Client-IP,
# Client-Host, Auth-SMTP-Helo/-From/-To (none), Auth-SSL, Auth-SSL-Protocol,
# Auth-SSL-Cipher, then the auth_http_header lines in config order.  Also: the
# EHLO given after STARTTLS is the one that counts (RFC 3207 §4.2).
@ protocol smtp;
@ smtp_auth none;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ auth_http_header X-Auth-Key k3y-one;
@ auth_http_header X-Proxy postern;
S: 220 mail.example.test ESMTP ready
C: STARTTLS
S: 220 2.0.0 Start TLS
TLS
C: EHLO tls.example
S: 250 mail.example.test
C: MAIL FROM:<sender@example.org> BODY=8BITMIME
S: 250 2.0.0 OK
C: RCPT TO:<rcpt@example.net>
A> Host: 127.0.0.1
A> Auth-Method: none
A> Auth-User:\x20
A> Auth-Pass:\x20
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A> Auth-SMTP-Helo: tls.example
A> Auth-SMTP-From: MAIL FROM:<sender@example.org> BODY=8BITMIME
A> Auth-SMTP-To: RCPT TO:<rcpt@example.net>
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: k3y-one
A> X-Proxy: postern
