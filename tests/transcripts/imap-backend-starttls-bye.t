# BEYOND NGINX (proxy_ssl starttls): "* BYE" in answer to STARTTLS is the
# backend going away (RFC 3501 §7.1.5): refused, internal error, close.
@ proxy_ssl starttls;
S: * OK IMAP4 ready
C: a1 LOGIN alice by3-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: by3-1map
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
B< * BYE Shutting down
S: * BAD internal server error
CLOSED
L: upstream refused STARTTLS
L! by3-1map
