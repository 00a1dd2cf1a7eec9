# auth_http_pass_client_cert on and the largest PEM the core keeps for
# Auth-SSL-Cert: exactly PT_CERTPEM_MAX (24576) bytes once escaped (365
# lines of 64, one of 56, newlines as %0A).  The session goes on (greeting,
# auth request with every header up to Auth-SSL-Cert, whose 24 KiB line no
# A> step can hold); one line of 60 instead is refused
# (imap-cert-pem-too-large.t).  The bound holds whatever the other fields
# take: they have a budget of their own (PT_CERTINFO_MAX).  nginx passes the
# PEM escaped (ngx_mail_auth_http_create_request in
# ngx_mail_auth_http_module.c, NGX_ESCAPE_MAIL_AUTH), with no bound.
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
@ auth_http_pass_client_cert on;
TLS cert=ok code=0 verify=SUCCESS subject=CN=alice issuer="CN=Example Client CA" serial=1000 fp=5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a pem="-----BEGIN CERTIFICATE-----\n" "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n"*365 "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n" "-----END CERTIFICATE-----\n"
S: * OK IMAP4 ready
C: a1 LOGIN alice big-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: big-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Auth-SSL-Verify: SUCCESS
A> Auth-SSL-Subject: CN=alice
A> Auth-SSL-Issuer: CN=Example Client CA
A> Auth-SSL-Serial: 1000
A> Auth-SSL-Fingerprint: 5e0c3b6a9d1f4e2a8b7c6d5e4f3a2b1c0d9e8f7a
L! too large
L! big-pw
