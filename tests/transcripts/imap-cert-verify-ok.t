# ssl_verify_client on, implicit TLS, a certificate that verified: the session
# goes on as without one (greeting, LOGIN, relay), and the auth request
# carries, after Client-IP, nginx's TLS block in its order - Auth-SSL,
# Auth-SSL-Protocol, Auth-SSL-Cipher, Auth-SSL-Verify, -Subject, -Issuer,
# -Serial, -Fingerprint (-Cert only with auth_http_pass_client_cert) - and
# then the auth_http_header lines (nginx: ngx_mail_verify_cert in
# src/mail/ngx_mail_handler.c lets a verified certificate through;
# ngx_mail_auth_http_create_request in ngx_mail_auth_http_module.c writes the
# headers in this order; nginx-mail.md §2).  The DNs go out as the shell
# printed them (RFC 2253, "\," included), unescaped, as nginx sends them
# (an A> line spells that backslash "\\").
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
@ auth_http_header X-Auth-Key s3cr3t-k3y;
TLS TLSv1.3 TLS_AES_256_GCM_SHA384 cert=ok code=0 verify=SUCCESS subject="CN=alice,O=Example\, Inc.,C=US" issuer="CN=Example Client CA,O=Example\, Inc.,C=US" serial=1000 fp=5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
S: * OK IMAP4 ready
C: a1 LOGIN alice cert-pw-1
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: cert-pw-1
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.3
A> Auth-SSL-Cipher: TLS_AES_256_GCM_SHA384
A> Auth-SSL-Verify: SUCCESS
A> Auth-SSL-Subject: CN=alice,O=Example\\, Inc.,C=US
A> Auth-SSL-Issuer: CN=Example Client CA,O=Example\\, Inc.,C=US
A> Auth-SSL-Serial: 1000
A> Auth-SSL-Fingerprint: 5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: s3cr3t-k3y
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK Dovecot ready.
B> a1 LOGIN {5}
B< + OK
B> alice {9}
B< + OK
B> cert-pw-1
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L: client logged in
L! cert-pw-1
L! certificate
