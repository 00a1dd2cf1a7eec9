# The backend never answers: upstream timed out after timeout.
@ timeout 5s;
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN" "AGRhdmUAc3Q0cnQtcHc="
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: dave
A> Auth-Pass: st4rt-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 4190
A<
B< "IMPLEMENTATION" "Dovecot Pigeonhole"
T: +5000
S: BYE "internal server error"
CLOSED
L: upstream timed out
