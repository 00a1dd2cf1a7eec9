# ssl_verify_client optional_no_ca and a self-signed certificate
# (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT = 18): the session goes on and the
# auth server decides, seeing "Auth-SSL-Verify: FAILED:self-signed
# certificate" with the certificate's subject, issuer, serial and
# fingerprint; the login relays (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c lets ngx_ssl_verify_error_optional() codes
# through when verify == 3; ngx_ssl_get_client_verify gives
# "FAILED:<reason>"; order of ngx_mail_auth_http_create_request in
# ngx_mail_auth_http_module.c).  No CA file is needed for optional_no_ca.
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client optional_no_ca;
TLS cert=untrusted code=18 verify="FAILED:self-signed certificate" subject="CN=bob,OU=Mail" issuer="CN=bob,OU=Mail" serial=7F01 fp=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c
S: * OK IMAP4 ready
C: a1 LOGIN bob no-ca-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: no-ca-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Auth-SSL-Verify: FAILED:self-signed certificate
A> Auth-SSL-Subject: CN=bob,OU=Mail
A> Auth-SSL-Issuer: CN=bob,OU=Mail
A> Auth-SSL-Serial: 7F01
A> Auth-SSL-Fingerprint: 0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK Dovecot ready.
B> a1 LOGIN {3}
B< + OK
B> bob {8}
B< + OK
B> no-ca-pw
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! client SSL certificate verify error
L! no-ca-pw
