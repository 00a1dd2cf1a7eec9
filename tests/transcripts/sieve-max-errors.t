# max_errors: the invalid-command reply still goes out, then BYE (RFC 5804
# §1.3: the server is closing) and the connection closes.
@ max_errors 3;
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: PUTSCRIPT "a" "b"
S: NO "invalid command"
C: GETSCRIPT "a"
S: NO "invalid command"
C: DELETESCRIPT "a"
S: NO "invalid command"
S: BYE "Too many invalid commands."
CLOSED
L: client sent too many invalid commands
