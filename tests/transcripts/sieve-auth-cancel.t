# RFC 5804 §2.1: the client aborts a SASL exchange with "*"; the server
# answers NO and the client may start again.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN"
S: ""
C: "*"
S: NO "invalid command"
C: NOOP
S: OK "Done."
C: AUTHENTICATE "PLAIN"
S: ""
C: NOOP
S: NO "invalid command"
C: AUTHENTICATE "PLAIN"
S: ""
C: "AGFsaWNlAHMxZXZlLXB3" "x"
S: NO "invalid command"
A: none
