# listen ... ssl (implicit TLS): the greeting comes after the handshake and
# the auth request says "Auth-SSL: on" (nginx-mail.md §3 Flow "[TLS
# handshake if listen ssl] -> greeting"; §2 Auth-SSL).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
TLS
S: * OK IMAP4 ready
C: a1 LOGIN alice tls-pw-2
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: tls-pw-2
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
L! tls-pw-2
