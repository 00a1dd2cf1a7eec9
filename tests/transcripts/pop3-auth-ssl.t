# After STLS the auth request carries "Auth-SSL: on" after Client-IP, then
# Auth-SSL-Protocol and Auth-SSL-Cipher with the values of the TLS session
# (nginx-mail.md §2 Request "Auth-SSL: on (TLS connections, implicit or after
# STARTTLS)", "Auth-SSL-Protocol: / Auth-SSL-Cipher: (1.21.2)").
@ protocol pop3;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: +OK POP3 ready
C: STLS
S: +OK
TLS TLSv1.3 TLS_AES_256_GCM_SHA384
C: USER alice
S: +OK
C: PASS tls-p0p-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: tls-p0p-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.3
A> Auth-SSL-Cipher: TLS_AES_256_GCM_SHA384
L! tls-p0p-pw
