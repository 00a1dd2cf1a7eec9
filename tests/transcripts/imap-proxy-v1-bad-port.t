# A v1 line with a port out of range is broken too: closed, no greeting.
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
@ set_real_ip_from 192.0.2.0/24;
C:raw PROXY TCP4 203.0.113.7 198.51.100.1 65536 143\r\n
CLOSED
L: broken PROXY protocol header
L! client-addr
