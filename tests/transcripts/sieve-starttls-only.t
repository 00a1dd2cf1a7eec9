# starttls only: before TLS the SASL list is empty (RFC 5804 §1.7 allows
# it) and AUTHENTICATE is refused; inside TLS it is offered and taken.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
@ starttls only;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: "IMPLEMENTATION" "postern"
S: "SASL" ""
S: "SIEVE" "fileinto"
S: "STARTTLS"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN" "AGFsaWNlAHMxZXZlLXB3"
S: NO "invalid command"
C: STARTTLS
S: OK "Begin TLS negotiation now."
TLS
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN" "AGFsaWNlAHMxZXZlLXB3"
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s1eve-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
