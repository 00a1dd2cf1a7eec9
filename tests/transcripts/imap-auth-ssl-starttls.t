# After STARTTLS the auth request carries "Auth-SSL: on" right after
# Client-IP, then Auth-SSL-Protocol and Auth-SSL-Cipher (nginx 1.21.2,
# nginx-mail.md §2), with the values of the TLS session.
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: * OK IMAP4 ready
C: a1 STARTTLS
S: a1 OK completed
TLS TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305
C: a2 LOGIN alice tls-pw-1
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: tls-pw-1
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-ECDSA-CHACHA20-POLY1305
L! tls-pw-1
