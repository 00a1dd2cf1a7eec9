# limit_conn_per_* (postern extension) on a proxy_protocol port: said before
# the header is in (an untrusted balancer: its own address counts), the
# refusal waits for the header and takes the greeting's place.
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
LIMIT: conn
C:raw PROXY TCP4 203.0.113.7 198.51.100.1 5555 143\r\n
S: * BYE Too many connections, try later
CLOSED
L! client-addr
