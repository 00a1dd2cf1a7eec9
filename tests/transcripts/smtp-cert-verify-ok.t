# SMTP STARTTLS with ssl_verify_client on and a verified certificate: the
# greeting-less resume after the handshake (EHLO again), then AUTH PLAIN
# and the auth request in nginx's SMTP order - ... Client-IP, Client-Host,
# Auth-SSL, -Protocol, -Cipher, -Verify, -Subject, -Issuer, -Serial,
# -Fingerprint, then auth_http_header (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c, then init_protocol; order of
# ngx_mail_auth_http_create_request in ngx_mail_auth_http_module.c;
# nginx-mail.md §2).
@ protocol smtp;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
@ auth_http_header X-Auth-Key s3cr3t-k3y;
S: 220 mail.example.test ESMTP ready
C: STARTTLS
S: 220 2.0.0 Start TLS
TLS TLSv1.3 TLS_AES_128_GCM_SHA256 cert=ok code=0 verify=SUCCESS subject="CN=alice,O=Example\, Inc.,C=US" issuer="CN=Example Client CA,O=Example\, Inc.,C=US" serial=1000 fp=5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHNtdHAtY2VydA==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: smtp-cert
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.3
A> Auth-SSL-Cipher: TLS_AES_128_GCM_SHA256
A> Auth-SSL-Verify: SUCCESS
A> Auth-SSL-Subject: CN=alice,O=Example\\, Inc.,C=US
A> Auth-SSL-Issuer: CN=Example Client CA,O=Example\\, Inc.,C=US
A> Auth-SSL-Serial: 1000
A> Auth-SSL-Fingerprint: 5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: s3cr3t-k3y
L! smtp-cert
