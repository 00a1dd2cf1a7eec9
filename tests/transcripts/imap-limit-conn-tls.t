# limit_conn_per_* (postern extension) on a TLS port: the refusal goes out
# over TLS, after the handshake, where the greeting would have.
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
LIMIT: conn
TLS
S: * BYE Too many connections, try later
CLOSED
