# auth_http_pass_client_cert on: the auth request also carries the client's
# certificate as "Auth-SSL-Cert", after Auth-SSL-Fingerprint and before the
# auth_http_header lines, its PEM escaped as Auth-User is: bytes 0x00-0x20
# and '%' as %XX, so newlines are %0A and the spaces of the armour %20
# (nginx: ngx_mail_auth_http_create_request in ngx_mail_auth_http_module.c,
# ngx_ssl_get_certificate() then ngx_escape_uri(..., NGX_ESCAPE_MAIL_AUTH);
# nginx-mail.md §2).  Here a self-signed certificate under optional_no_ca
# (ngx_mail_verify_cert in src/mail/ngx_mail_handler.c lets it through).
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client optional_no_ca;
@ auth_http_pass_client_cert on;
@ auth_http_header X-Auth-Key s3cr3t-k3y;
TLS cert=untrusted code=18 verify="FAILED:self-signed certificate" subject="CN=alice,O=Example\, Inc.,C=US" issuer="CN=alice,O=Example\, Inc.,C=US" serial=1000 fp=f2aa85ea86fda0608a004409ae646ac439037ec4 pem="-----BEGIN CERTIFICATE-----\nMIIBrDCCAVOgAwIBAgICEAAwCgYIKoZIzj0EAwIwNTELMAkGA1UEBhMCVVMxFjAU\nBgNVBAoMDUV4YW1wbGUsIEluYy4xDjAMBgNVBAMMBWFsaWNlMB4XDTI2MTEyNjAx\nMjcwMloXDTM2MTEyMzAxMjcwMlowNTELMAkGA1UEBhMCVVMxFjAUBgNVBAoMDUV4\nYW1wbGUsIEluYy4xDjAMBgNVBAMMBWFsaWNlMFkwEwYHKoZIzj0CAQYIKoZIzj0D\nAQcDQgAExJh2CrdtstTapyfZaY2xbMZGDDjkf/zfiYkqlJFGf0ZsxCGdHD4GAhBH\nSlR8tjc++yEb+OalwE2GbhBqzDvZEKNTMFEwHQYDVR0OBBYEFNjTCtQgj45tlqOE\nygitvcj+RKroMB8GA1UdIwQYMBaAFNjTCtQgj45tlqOEygitvcj+RKroMA8GA1Ud\nEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgd76Yn2Fbk4707l/7GdwPkhTN\nwpt5LmNlB4wR1ZPWfSUCIDGfO2lzvmy9sbcjpsF2WMXWh7ouo+SwtSdFO+BfjIEH\n-----END CERTIFICATE-----\n"
S: * OK IMAP4 ready
C: a1 LOGIN alice pem-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pem-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Auth-SSL-Verify: FAILED:self-signed certificate
A> Auth-SSL-Subject: CN=alice,O=Example\\, Inc.,C=US
A> Auth-SSL-Issuer: CN=alice,O=Example\\, Inc.,C=US
A> Auth-SSL-Serial: 1000
A> Auth-SSL-Fingerprint: f2aa85ea86fda0608a004409ae646ac439037ec4
A> Auth-SSL-Cert: -----BEGIN%20CERTIFICATE-----%0AMIIBrDCCAVOgAwIBAgICEAAwCgYIKoZIzj0EAwIwNTELMAkGA1UEBhMCVVMxFjAU%0ABgNVBAoMDUV4YW1wbGUsIEluYy4xDjAMBgNVBAMMBWFsaWNlMB4XDTI2MTEyNjAx%0AMjcwMloXDTM2MTEyMzAxMjcwMlowNTELMAkGA1UEBhMCVVMxFjAUBgNVBAoMDUV4%0AYW1wbGUsIEluYy4xDjAMBgNVBAMMBWFsaWNlMFkwEwYHKoZIzj0CAQYIKoZIzj0D%0AAQcDQgAExJh2CrdtstTapyfZaY2xbMZGDDjkf/zfiYkqlJFGf0ZsxCGdHD4GAhBH%0ASlR8tjc++yEb+OalwE2GbhBqzDvZEKNTMFEwHQYDVR0OBBYEFNjTCtQgj45tlqOE%0Aygitvcj+RKroMB8GA1UdIwQYMBaAFNjTCtQgj45tlqOEygitvcj+RKroMA8GA1Ud%0AEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgd76Yn2Fbk4707l/7GdwPkhTN%0Awpt5LmNlB4wR1ZPWfSUCIDGfO2lzvmy9sbcjpsF2WMXWh7ouo+SwtSdFO+BfjIEH%0A-----END%20CERTIFICATE-----%0A
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: s3cr3t-k3y
L! pem-pw
L! BEGIN
