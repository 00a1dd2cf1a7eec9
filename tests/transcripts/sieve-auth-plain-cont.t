# AUTHENTICATE "PLAIN" without an initial response: the empty challenge is
# the string "" (RFC 5804 §2.1), the client answers with a string on a line
# of its own.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN"
S: ""
C: "AGJvYgBjMG50LXB3"
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: c0nt-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 4190
A<
B< OK
B> AUTHENTICATE "PLAIN" "AGJvYgBjMG50LXB3"
B< OK
S: OK
RELAY
L! c0nt-pw
