# A command longer than sieve_client_buffer: the invalid reply, BYE (RFC
# 5804 §1.3: the server says why it closes), then close.
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
S: BYE "Command too long."
CLOSED
L: client sent too long command
