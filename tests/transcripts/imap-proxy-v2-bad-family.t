# A v2 PROXY header (proxy-protocol.txt §2.2) whose address family byte is
# none the spec defines (0x41): a broken header, the connection closed
# without a word, as for any other broken header (imap-proxy-broken.t).
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
@ set_real_ip_from 192.0.2.1;
C:raw \r\n\r\n\x00\r\nQUIT\n\x21\x41\x00\x0c\xc0\x00\x02\x07\xc0\x00\x02\x08\x15\xb3\x00\x8f
CLOSED
L: broken PROXY protocol header
