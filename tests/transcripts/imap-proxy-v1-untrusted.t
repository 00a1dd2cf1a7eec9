# The header's addresses still go to the auth service (Proxy-Protocol-*, as
# nginx sends them for any header that names addresses).
# A PROXY header from a peer outside set_real_ip_from is read and dropped:
# the client stays the peer (nginx: realip only for trusted peers).
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
@ set_real_ip_from 10.0.0.0/8;
C:raw PROXY TCP4 203.0.113.7 198.51.100.1 5555 143\r\n
S: * OK IMAP4 ready
C: a1 LOGIN alice pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Proxy-Protocol-Addr: 203.0.113.7
A> Proxy-Protocol-Port: 5555
A> Proxy-Protocol-Server-Addr: 198.51.100.1
A> Proxy-Protocol-Server-Port: 143
L! client-addr
