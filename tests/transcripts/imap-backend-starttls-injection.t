# BEYOND NGINX (proxy_ssl starttls), response injection (ref/deps.md §2.10
# point 5, CVE-2011-0411 class seen from the client side): TLS begins right
# after the CRLF of the tagged OK (RFC 3501 §6.2.1), so the two "+ OK" lines
# that came in the same read behind it were never protected.  They are
# dropped and logged; inside TLS the LOGIN waits for the backend's own "+ OK"
# (had they been kept, the login literal and the password would go out
# unasked, and the real "+ OK" would then fail the login).
@ proxy_ssl starttls;
S: * OK IMAP4 ready
C: a1 LOGIN alice 1nj3ct-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 1nj3ct-1map
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 STARTTLS
B<raw a1 OK Begin TLS negotiation now\r\n+ OK\r\n+ OK\r\n
L: [info] upstream sent 12 bytes after its STARTTLS reply: dropped
B: TLS
B> a1 LOGIN {5}
B< + OK
B> alice {11}
B< + OK
B> 1nj3ct-1map
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! 1nj3ct-1map
