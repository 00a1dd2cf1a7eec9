# proxy_imap_id on with proxy_ssl starttls: the ID goes inside TLS, after
# the handshake with the backend, then LOGIN.
@ proxy_ssl starttls;
@ proxy_imap_id on;
S: * OK IMAP4 ready
C: a1 LOGIN alice st4rt-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: st4rt-1map
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
B< a1 OK Begin TLS negotiation now
B: TLS
B> a1 ID ("x-originating-ip" "192.0.2.1" "x-originating-port" "50123" "x-connected-ip" "127.0.0.1" "x-connected-port" "11143")
B< * ID NIL
B< a1 OK ID completed
B> a1 LOGIN {5}
B< + OK
B> alice {10}
B< + OK
B> st4rt-1map
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L: state backend-tls-handshake -> backend-id
L! st4rt-1map
