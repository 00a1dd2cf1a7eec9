# A silent client is closed after timeout.
@ timeout 5s;
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
T: +5000
CLOSED
L: client timed out
