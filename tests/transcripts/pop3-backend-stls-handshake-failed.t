# BEYOND NGINX (proxy_ssl starttls): the shell reports the TLS handshake
# with the backend failed (BACKEND_FAILED: a bad certificate, no common
# cipher): internal error, close.
@ protocol pop3;
@ proxy_ssl starttls;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS f41l-tls-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: f41l-tls-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> STLS
B< +OK Begin TLS negotiation now.
B: TLS fail
S: -ERR internal server error
CLOSED
L: [error] upstream STARTTLS handshake failed
L! f41l-tls-p0p
