# A backend that greets with BYE, or with a line that is no ManageSieve
# response, is an upstream error.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN" "AGZyYW5rAG4wLXB3"
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: frank
A> Auth-Pass: n0-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 4190
A<
B< "IMPLEMENTATION" "Dovecot Pigeonhole"
B< BYE "Too many connections"
S: BYE "internal server error"
CLOSED
L: upstream sent invalid greeting
