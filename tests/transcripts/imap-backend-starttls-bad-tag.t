# BEYOND NGINX (proxy_ssl starttls): an OK with another tag than the one
# STARTTLS was sent with is no go-ahead (RFC 3501 §2.2.2: the tagged
# response carries the command's tag): refused, internal error, close.
@ proxy_ssl starttls;
S: * OK IMAP4 ready
C: a1 LOGIN alice b4d-tag-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: b4d-tag-1map
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
B< a2 OK Begin TLS negotiation now
S: * BAD internal server error
CLOSED
L: upstream refused STARTTLS
L! b4d-tag-1map
