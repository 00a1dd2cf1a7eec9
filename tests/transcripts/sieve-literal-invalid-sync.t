# "{n}" at the end of a bad line closes too (sieve-literal-too-long.t: a
# literal longer than the client buffer, before any of its bytes).
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: NOOP "a" "b" {5}
S: NO "invalid command"
CLOSED
