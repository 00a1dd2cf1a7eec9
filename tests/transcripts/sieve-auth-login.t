# AUTHENTICATE "LOGIN" (sieve_auth login): the challenges are base64
# strings (RFC 5804 §2.1), "Username:" then "Password:"; the backend login
# is still PLAIN.
@ protocol sieve;
@ sieve_auth plain login;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN LOGIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "LOGIN"
S: "VXNlcm5hbWU6"
C: "YWxpY2U="
S: "UGFzc3dvcmQ6"
C: "bDBnaW4tcHc="
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0gin-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 4190
A<
B< OK "ready"
B> AUTHENTICATE "PLAIN" "AGFsaWNlAGwwZ2luLXB3"
B< OK "Logged in."
S: OK "Logged in."
RELAY
L! l0gin-pw
