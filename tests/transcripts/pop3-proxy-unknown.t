# v1 UNKNOWN: the rest of the line is ignored and the peer stays the client.
@ protocol pop3;
@ listen 127.0.0.1:11110 proxy_protocol;
@ set_real_ip_from 192.0.2.1;
C:raw PROXY UNKNOWN ff::1 ff::2 1 2\r\n
S: +OK POP3 ready
C: QUIT
S: +OK
CLOSED
L! client-addr
