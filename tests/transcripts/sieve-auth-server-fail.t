# The auth server fails: BYE with the internal error, then close.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN" "AGVyaW4Ad3IwbmctcHc="
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: erin
A> Auth-Pass: wr0ng-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A: fail
S: BYE "internal server error"
CLOSED
