# starttls only, after the handshake: EHLO shows the normal list with AUTH and
# AUTH is accepted; the auth request says Auth-SSL: on (nginx-mail.md §3 SMTP
# "starttls only (before TLS)"; §2 Auth-SSL).
@ protocol smtp;
@ starttls only;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C: STARTTLS
S: 220 2.0.0 Start TLS
TLS
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlADBubHktdGxzLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 0nly-tls-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
L! 0nly-tls-pw
