# BEYOND NGINX (proxy_ssl starttls): the backend-login deadline (timeout,
# 60s) covers the TLS handshake.  A backend byte while it runs is the TLS
# engine's, not the core's (it finds no room there) and does not move the
# deadline; at 60s: "upstream timed out", the internal error, close.
@ proxy_ssl starttls;
S: * OK IMAP4 ready
C: a1 LOGIN alice t1m3-tls-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t1m3-tls-1map
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 STARTTLS
B< a1 OK Begin TLS negotiation now
T: +30000
B< * OK not a TLS record
T: +29999
T: +1
S: * BAD internal server error
CLOSED
L: upstream timed out
L! t1m3-tls-1map
