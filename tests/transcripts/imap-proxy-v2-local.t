# v2 LOCAL (a balancer's health check, §2.2): no address; the peer stays
# the client and the session goes on.
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
@ set_real_ip_from 192.0.2.1;
C:raw \r\n\r\n\x00\r\nQUIT\n\x20\x00\x00\x00
S: * OK IMAP4 ready
C: a1 LOGOUT
S: * BYE
S: a1 OK completed
CLOSED
L! client-addr
