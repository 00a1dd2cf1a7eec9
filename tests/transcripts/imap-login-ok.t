# LOGIN, the auth request in nginx's order, the backend login with
# synchronizing literals and the client's tag, then the relay.
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
B< * OK Dovecot ready.
B> a1 LOGIN {5}
B< + OK
B> alice {6}
B< + OK
B> secret
B< a1 OK [CAPABILITY IMAP4rev1] Logged in
S: a1 OK [CAPABILITY IMAP4rev1] Logged in
RELAY
L: client logged in
L! secret
