# listen ... ssl: the greeting comes once TLS is up, without STARTTLS.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
@ listen 127.0.0.1:14190 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
TLS
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
