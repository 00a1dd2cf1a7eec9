# SASL EXTERNAL over a verified client certificate: "AUTHENTICATE EXTERNAL"
# with an authorization identity gives Auth-Method: external, that identity
# as Auth-User, an empty Auth-Pass, and the certificate's headers for the
# auth server to match the identity against; its Auth-Pass logs in to the
# backend (nginx: ngx_mail_auth_external in src/mail/ngx_mail_handler.c
# takes the identity, and the certificate check is the auth server's, on
# Auth-SSL-Verify/-Subject...; ngx_mail_auth_http_create_request in
# ngx_mail_auth_http_module.c; nginx-mail.md §2, §3 SASL EXTERNAL).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
@ imap_auth external;
TLS cert=ok code=0 verify=SUCCESS subject="CN=alice,O=Example\, Inc.,C=US" issuer="CN=Example Client CA,O=Example\, Inc.,C=US" serial=1000 fp=5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
S: * OK IMAP4 ready
C: a1 AUTHENTICATE EXTERNAL YWxpY2U=
A> Host: 127.0.0.1
A> Auth-Method: external
A> Auth-User: alice
A> Auth-Pass: 
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Auth-SSL-Verify: SUCCESS
A> Auth-SSL-Subject: CN=alice,O=Example\\, Inc.,C=US
A> Auth-SSL-Issuer: CN=Example Client CA,O=Example\\, Inc.,C=US
A> Auth-SSL-Serial: 1000
A> Auth-SSL-Fingerprint: 5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A< Auth-Pass: ext-b4ck3nd
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {11}
B< + OK
B> ext-b4ck3nd
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! ext-b4ck3nd
