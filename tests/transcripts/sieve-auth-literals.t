# Strings as literals (RFC 5804 §4): "{n+}" (literal-c2s) and "{n}", whose
# bytes follow the line end at once (ManageSieve has no continuation), for
# the mechanism, the initial response and a SASL response line.  The
# backend's capability lines may carry literals too.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C:raw AUTHENTICATE {5+}\r\nPLAIN\r\n
S: ""
C:raw {20}\r\nAGNhcm9sAGwxdC1wdw==\r\n
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: carol
A> Auth-Pass: l1t-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 4190
A<
B<raw {14}\r\nIMPLEMENTATION {7}\r\nsieved1\r\n
B< OK {5}
B< ready
B> AUTHENTICATE "PLAIN" "AGNhcm9sAGwxdC1wdw=="
B< OK
S: OK
RELAY
L! l1t-pw
