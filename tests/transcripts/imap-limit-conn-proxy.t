# limit_conn_per_ip (postern extension) behind a trusted balancer: the
# client is the one the PROXY header names, so the shell counts it when the
# CLIENT_ADDR action comes; the greeting queued after the header is
# replaced by the refusal.
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
@ set_real_ip_from 192.0.2.0/24;
LIMIT: conn at client-addr
C:raw PROXY TCP4 203.0.113.7 198.51.100.1 5555 143\r\n
L: client-addr] 203.0.113.7 5555
S: * BYE Too many connections, try later
CLOSED
