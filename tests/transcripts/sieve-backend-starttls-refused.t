# proxy_ssl starttls and a backend that refuses STARTTLS.
@ proxy_ssl starttls;
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
B< OK "Dovecot ready."
B> STARTTLS
B< NO "TLS not configured"
S: BYE "internal server error"
CLOSED
L: upstream refused STARTTLS
