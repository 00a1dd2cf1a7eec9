# ssl_verify_client off (the default) while the shell still reports a
# certificate: the core takes no notice of it - no check, and no
# Auth-SSL-Verify, -Subject, -Issuer, -Serial, -Fingerprint or -Cert line
# even with auth_http_pass_client_cert on; Auth-SSL-Cipher is followed by
# the auth_http_header line (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c returns at once when !sslcf->verify, and
# ngx_mail_auth_http_create_request in ngx_mail_auth_http_module.c reads
# the certificate variables only "if (sslcf->verify)"; nginx-mail.md §2
# "only when ssl_verify_client != off").
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ auth_http_pass_client_cert on;
@ auth_http_header X-Auth-Key s3cr3t-k3y;
TLS cert=bad code=10 verify="FAILED:certificate has expired" subject=CN=alice issuer="CN=Example Client CA" serial=1000 fp=5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a pem="-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"
S: * OK IMAP4 ready
C: a1 LOGIN alice off-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: off-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: s3cr3t-k3y
L! certificate
L! off-pw
