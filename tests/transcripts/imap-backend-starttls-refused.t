# BEYOND NGINX (proxy_ssl starttls): the backend answers STARTTLS with NO.
# No login goes out in plaintext: "upstream refused STARTTLS", the client
# gets the internal error, as for any failed backend login (nginx-mail.md
# §3 Backend login failures), and the connection closes.
@ proxy_ssl starttls;
S: * OK IMAP4 ready
C: a1 LOGIN alice r3fus3d-1map
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: r3fus3d-1map
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
B< a1 NO STARTTLS not available
S: * BAD internal server error
CLOSED
L: [error] upstream refused STARTTLS
L! r3fus3d-1map
