# BEYOND NGINX (postern extension, proxy_ssl starttls; nginx's mail proxy
# talks to its backends in plaintext only): after the backend's "* OK"
# greeting postern sends "<tag> STARTTLS" with the client's tag, as its
# LOGIN does (RFC 3501 §6.2.1, RFC 2595 §3), waits for the tagged OK,
# asks the shell for the handshake (BACKEND_START_TLS), and on BACKEND_TLS_UP
# logs in as it does in plaintext (nginx-mail.md §3 IMAP backend login).
@ proxy_ssl starttls;
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
L: state backend-starttls -> backend-tls-handshake
B: TLS
B> a1 LOGIN {5}
B< + OK
B> alice {10}
B< + OK
B> st4rt-1map
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L: state backend-tls-handshake -> backend-user
L! st4rt-1map
