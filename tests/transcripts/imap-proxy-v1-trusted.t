# The header's own addresses go to the auth service too, as nginx sends them.
# listen ... proxy_protocol with the peer in set_real_ip_from: the v1
# header's source becomes the client (Client-IP, logs), as nginx's
# ngx_mail_realip_handler; the greeting comes only after the header
# (nginx-mail.md §1 listen parameters, realip).
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
@ set_real_ip_from 192.0.2.0/24;
C:raw PROXY TCP4 203.0.113.7 198.51.100.1 5555 143\r\n
L: client-addr] 203.0.113.7 5555
S: * OK IMAP4 ready
C: a1 LOGIN alice pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 203.0.113.7
A> Proxy-Protocol-Addr: 203.0.113.7
A> Proxy-Protocol-Port: 5555
A> Proxy-Protocol-Server-Addr: 198.51.100.1
A> Proxy-Protocol-Server-Port: 143
A< Auth-Status: Invalid login or password
A<
S: a1 NO Invalid login or password
