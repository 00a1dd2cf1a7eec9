# BEYOND NGINX (proxy_ssl starttls): the backend-login deadline (timeout,
# 60s) covers the TLS handshake: "upstream timed out", internal error, close.
@ protocol pop3;
@ proxy_ssl starttls;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS t1m3-tls-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t1m3-tls-p0p
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
T: +59999
T: +1
S: -ERR internal server error
CLOSED
L: upstream timed out
L! t1m3-tls-p0p
