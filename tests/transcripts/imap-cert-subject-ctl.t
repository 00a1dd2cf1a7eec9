# Header injection through the certificate: a subject that carries CR LF, a
# NUL, a tab or DEL would, copied raw, end its header line and add one of
# the attacker's ("Auth-Status: OK" here).  The core puts '?' in place of
# every control byte (0x00-0x1f, 0x7f) of Verify, Subject, Issuer, Serial
# and Fingerprint, leaves other bytes (UTF-8 "é") alone, and escapes the
# PEM as Auth-User (%0D %0A %00).  DESIGN §6 "nothing from a client is ever
# copied raw into a header".  nginx relies on OpenSSL's RFC 2253 printer
# (ngx_ssl_get_subject_dn, ASN1_STRFLGS_ESC_CTRL) for the same, and writes
# the values unescaped in ngx_mail_auth_http_create_request
# (ngx_mail_auth_http_module.c); the shell could hand over any bytes, so
# the core does not count on it.
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client on;
@ ssl_client_certificate ca.pem;
@ auth_http_pass_client_cert on;
@ auth_http_header X-Auth-Key s3cr3t-k3y;
TLS cert=ok code=0 verify="SUCCESS\r\nX-Evil: 1" subject="CN=Jos\xc3\xa9\r\nAuth-Status: OK\x00x" issuer="CN=CA\t\x7f\x01,O=Example" serial="10\n00" fp="ab\rcd" pem="-----BEGIN CERTIFICATE-----\r\nQUJD\x00\n-----END CERTIFICATE-----\n"
S: * OK IMAP4 ready
C: a1 LOGIN jose ctl-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: jose
A> Auth-Pass: ctl-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Auth-SSL-Verify: SUCCESS??X-Evil: 1
A> Auth-SSL-Subject: CN=Jos\xc3\xa9??Auth-Status: OK?x
A> Auth-SSL-Issuer: CN=CA???,O=Example
A> Auth-SSL-Serial: 10?00
A> Auth-SSL-Fingerprint: ab?cd
A> Auth-SSL-Cert: -----BEGIN%20CERTIFICATE-----%0D%0AQUJD%00%0A-----END%20CERTIFICATE-----%0A
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: s3cr3t-k3y
L! ctl-pw
