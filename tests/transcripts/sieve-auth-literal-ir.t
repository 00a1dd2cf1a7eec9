# AUTHENTICATE with both strings as non-synchronizing literals on one line.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C:raw AUTHENTICATE {5+}\r\nPLAIN {20+}\r\nAGFsaWNlAHMxZXZlLXB3\r\n
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s1eve-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! s1eve-pw
