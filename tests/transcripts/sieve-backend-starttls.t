# BEYOND NGINX (proxy_ssl starttls): after the backend's OK postern sends
# STARTTLS (RFC 5804 §2.2), waits for OK, has the shell run the handshake,
# then reads the capabilities the backend sends again inside TLS up to
# its OK, and logs in.  Bytes after the STARTTLS OK are dropped.
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
B< "IMPLEMENTATION" "Dovecot Pigeonhole"
B< "STARTTLS"
B< OK "Dovecot ready."
B> STARTTLS
B<raw OK "Begin TLS negotiation now."\r\nOK "injected"\r\n
L: upstream sent 15 bytes after its STARTTLS reply: dropped
B: TLS
L: state backend-tls-handshake -> backend-capability
B< "IMPLEMENTATION" "Dovecot Pigeonhole"
B< "SASL" "PLAIN"
B< OK "TLS negotiation successful."
B> AUTHENTICATE "PLAIN" "AGRhdmUAc3Q0cnQtcHc="
B< OK "Logged in."
S: OK "Logged in."
RELAY
L! st4rt-pw
