# An invalid command that ends in a literal header closes the connection:
# the literal's bytes follow unasked (a client never waits in ManageSieve)
# and must not run as commands (DESIGN §6).  Either form counts.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: PUTSCRIPT "evil" {28+}
S: NO "invalid command"
CLOSED
