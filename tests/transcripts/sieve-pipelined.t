# Pipelined commands are answered one by one, each reply on the wire
# before the next command is read.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C:raw NOOP\r\nNOOP "t"\r\nCAPABILITY\r\nLOGOUT\r\nNOOP\r\n
S: OK "Done."
S: OK (TAG "t") "Done."
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "Done."
S: OK "Logout completed."
CLOSED
