# The verify error's log line stays one line: the reason is the shell's text
# after "FAILED:" (nginx logs X509_verify_cert_error_string(rc) there:
# ngx_mail_verify_cert in src/mail/ngx_mail_handler.c), with '?' for every
# control byte, as in the Auth-SSL-* headers, so a CR LF in it cannot start
# a forged log line; a text without "FAILED:" is logged whole.
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
@ ssl_verify_client optional;
@ ssl_client_certificate ca.pem;
TLS cert=bad code=7 verify="FAILED:certificate signature failure\r\n[crit] forged\x00"
S: * BYE SSL certificate error
CLOSED
A: none
L: [info] client SSL certificate verify error: (7:certificate signature failure??[crit] forged?)
