# BEYOND NGINX (proxy_ssl starttls): untagged lines may come before the
# tagged OK (RFC 3501 §7: the server sends untagged data at any time); they
# are read and dropped, not kept for the client, and the OK still counts.
@ proxy_ssl starttls;
S: * OK IMAP4 ready
C: a1 LOGIN alice unt4gg3d-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: unt4gg3d-1map
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
B< * OK [ALERT] Hello
B< a1 OK Begin TLS negotiation now
B: TLS
B> a1 LOGIN {5}
B< + OK
B> alice {13}
B< + OK
B> unt4gg3d-1map
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! unt4gg3d-1map
