# STARTTLS (RFC 5804 §2.2): advertised while TLS is not up, answered OK,
# then the handshake; inside TLS the server sends its capabilities again
# (without STARTTLS) and OK, and STARTTLS is invalid.
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
C: STARTTLS
S: OK "Begin TLS negotiation now."
TLS
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: STARTTLS
S: NO "invalid command"
C: CAPABILITY
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "Done."
