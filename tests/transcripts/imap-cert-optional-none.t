# ssl_verify_client optional and no certificate: the session goes on, and
# the auth request says "Auth-SSL-Verify: NONE" with no Subject, Issuer,
# Serial or Fingerprint line (the auth_http_header line follows at once)
# (nginx: ngx_mail_verify_cert in src/mail/ngx_mail_handler.c refuses a
# missing certificate only when verify == 1 (on); ngx_ssl_get_client_verify
# gives "NONE", the other variables are empty and
# ngx_mail_auth_http_create_request in ngx_mail_auth_http_module.c skips
# empty ones; nginx-mail.md §2).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client optional;
@ ssl_client_certificate ca.pem;
@ auth_http_header X-Auth-Key s3cr3t-k3y;
TLS cert=none verify=NONE
S: * OK IMAP4 ready
C: a1 LOGIN alice opt-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: opt-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Auth-SSL-Verify: NONE
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: s3cr3t-k3y
L! opt-pw
