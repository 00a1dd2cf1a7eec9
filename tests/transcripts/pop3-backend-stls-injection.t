# BEYOND NGINX (proxy_ssl starttls), response injection (ref/deps.md §2.10
# point 5): TLS begins after the CRLF of the +OK to STLS (RFC 2595 §4); the
# "+OK" and "+OK injected" lines in the same read were never protected.
# They are dropped and logged: inside TLS, USER and PASS each wait for the
# backend's own answer, and the client gets the backend's real last line.
@ protocol pop3;
@ proxy_ssl starttls;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS 1nj3ct-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 1nj3ct-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> STLS
B<raw +OK Begin TLS negotiation now.\r\n+OK\r\n+OK injected\r\n
L: [info] upstream sent 19 bytes after its STARTTLS reply: dropped
B: TLS
B> USER alice
B< +OK
B> PASS 1nj3ct-p0p
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! 1nj3ct-p0p
