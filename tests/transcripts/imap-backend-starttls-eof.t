# BEYOND NGINX (proxy_ssl starttls): the backend closes during the TLS
# handshake: the internal error and close, as for an EOF anywhere in the
# backend login (nginx-mail.md §3 Backend login failures).
@ proxy_ssl starttls;
S: * OK IMAP4 ready
C: a1 LOGIN alice e0f-tls-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: e0f-tls-1map
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
B:EOF
S: * BAD internal server error
CLOSED
L: [error] upstream closed connection in STARTTLS handshake
L! e0f-tls-1map
