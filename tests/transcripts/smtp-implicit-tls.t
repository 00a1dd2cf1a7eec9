# listen ... ssl (SMTPS, RFC 8314): the greeting comes after the handshake and
# the auth request carries Auth-SSL: on (nginx-mail.md §3 Flow, §2 Auth-SSL).
@ protocol smtp;
@ listen 127.0.0.1:11465 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
TLS
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHNtdHBzLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: smtps-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
L! smtps-pw
