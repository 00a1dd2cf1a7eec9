# AUTHENTICATE "PLAIN" with an initial response (RFC 5804 §2.1, RFC 4616):
# auth_http with Auth-Protocol: sieve, then the backend's capability lines
# up to its OK are read and dropped, postern logs in with AUTHENTICATE
# "PLAIN" and a base64 string, and the backend's OK goes to the client as
# the relay starts.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto vacation"' '"NOTIFY" "mailto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto vacation"
S: "NOTIFY" "mailto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: Authenticate "PLAIN" "AGFsaWNlAHMxZXZlLXB3"
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s1eve-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 4190
A<
B< "IMPLEMENTATION" "Dovecot Pigeonhole"
B< "SIEVE" "fileinto vacation"
B< "NOTIFY" "mailto"
B< "SASL" "PLAIN"
B< "STARTTLS"
B< "VERSION" "1.0"
B< OK "Dovecot ready."
B> AUTHENTICATE "PLAIN" "AGFsaWNlAHMxZXZlLXB3"
B< OK "Logged in."
S: OK "Logged in."
RELAY
L! s1eve-pw
L! AGFsaWNlAHMxZXZlLXB3
