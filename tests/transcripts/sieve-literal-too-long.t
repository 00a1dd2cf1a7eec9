# A literal longer than sieve_client_buffer is refused at its header.
@ sieve_client_buffer 64;
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: NOOP {65+}
S: NO "invalid command"
CLOSED
