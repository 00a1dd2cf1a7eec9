# A v2 header (proxy-protocol.txt §2.2) with TCP over IPv6 and a TLV after
# the address block: the source is the client, the TLV is skipped.
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
@ set_real_ip_from 192.0.2.1;
C:raw \r\n\r\n\x00\r\nQUIT\n\x21\x21\x00\x29\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x15\xb3\x00\x8f\x04\x00\x02ab
L: client-addr] 2001:db8::7 5555
S: * OK IMAP4 ready
C: a1 LOGIN alice pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 2001:db8::7
A> Proxy-Protocol-Addr: 2001:db8::7
A> Proxy-Protocol-Port: 5555
A> Proxy-Protocol-Server-Addr: 2001:db8::1
A> Proxy-Protocol-Server-Port: 143
