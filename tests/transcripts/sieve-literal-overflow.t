# A literal length past RFC 5804's number bound (2^32 - 1) is refused.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: NOOP {99999999999999999999999+}
S: NO "invalid command"
CLOSED
