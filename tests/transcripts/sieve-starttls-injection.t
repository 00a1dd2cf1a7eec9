# DESIGN §6: bytes after the STARTTLS line came in plaintext and are
# dropped, with any SASL exchange begun before (CVE-2014-3556 class).
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "STARTTLS"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C:raw STARTTLS\r\nAUTHENTICATE "PLAIN" "AGFsaWNlAHMxZXZlLXB3"\r\n
S: OK "Begin TLS negotiation now."
TLS
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
A: none
