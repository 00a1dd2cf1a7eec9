# limit_login_per_* (postern extension), ManageSieve: NO with TRYLATER
# (RFC 5804 §1.3) for the refused AUTHENTICATE; the client may try again.
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
LIMIT: login
S: NO (TRYLATER) "Too many login attempts, try later"
C: LOGOUT
S: OK "Logout completed."
CLOSED
L! wr0ng-pw
