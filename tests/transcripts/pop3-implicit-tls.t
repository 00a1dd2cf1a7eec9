# listen ... ssl (implicit TLS, POP3S): the greeting comes after the
# handshake and the auth request says "Auth-SSL: on" (nginx-mail.md §3 Flow
# "[TLS handshake if `listen ssl`] -> greeting"; §2 Auth-SSL).
@ protocol pop3;
@ listen 127.0.0.1:11995 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
TLS
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS p0p3s-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: p0p3s-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
L! p0p3s-pw
