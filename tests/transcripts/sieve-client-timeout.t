# A silent client gets BYE (RFC 5804 §1.3) and is closed after timeout;
# during a SASL exchange too.
@ timeout 5s;
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
T: +4999
C: AUTHENTICATE "PLAIN"
S: ""
T: +5000
S: BYE "Disconnected for inactivity."
CLOSED
L: client timed out
