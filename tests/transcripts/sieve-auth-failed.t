# The auth server says no without a wait: NO with its text, then close.
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
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A<
S: NO "Invalid login or password"
CLOSED
L: client login failed
L! wr0ng-pw
