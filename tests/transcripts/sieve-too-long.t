# A command longer than sieve_client_buffer: the invalid reply, then close.
@ sieve_client_buffer 32;
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: NOOP "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
S: NO "invalid command"
CLOSED
L: client sent too long command
