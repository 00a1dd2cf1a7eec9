# proxy_imap_id on without a client ID: postern's own fields alone.  A
# backend that does not know ID answers BAD: the login goes on.
@ proxy_imap_id on;
S: * OK IMAP4 ready
C: a1 LOGIN alice secret
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: secret
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 ID ("x-originating-ip" "192.0.2.1" "x-originating-port" "50123" "x-connected-ip" "127.0.0.1" "x-connected-port" "11143")
B< * CAPABILITY IMAP4rev1
B< a1 BAD Unknown command
B> a1 LOGIN {5}
B< + OK
B> alice {6}
B< + OK
B> secret
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
