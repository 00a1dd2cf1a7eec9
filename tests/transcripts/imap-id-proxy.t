# proxy_imap_id on (postern extension): before LOGIN the backend gets
# "<tag> ID (...)" with the client's address and the address it reached
# (Dovecot's x-originating-ip/-port and x-connected-ip/-port, which it
# trusts from login_trusted_networks and then logs and uses as the
# client's), then the client's own pairs as sent, minus its "x-" fields
# (which could forge those).  "* ID ..." and the tagged reply are read
# with the backend grammar; then the usual LOGIN.
@ proxy_imap_id on;
S: * OK IMAP4 ready
C: a1 ID ("name" "Mutt" "x-originating-ip" "10.9.9.9" "os" NIL "q" "a\\\"b")
S: * ID NIL
S: a1 OK ID completed
C: a2 LOGIN alice secret
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: secret
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> Client-ID-name: Mutt
A> Client-ID-x-originating-ip: 10.9.9.9
A> Client-ID-q: a"b
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK [CAPABILITY IMAP4rev1 ID] Dovecot ready.
B> a2 ID ("x-originating-ip" "192.0.2.1" "x-originating-port" "50123" "x-connected-ip" "127.0.0.1" "x-connected-port" "11143" "name" "Mutt" "os" NIL "q" "a\\\"b")
B< * ID ("name" "Dovecot")
B< a2 OK ID completed.
B> a2 LOGIN {5}
B< + OK
B> alice {6}
B< + OK
B> secret
B< a2 OK Logged in
S: a2 OK Logged in
RELAY
