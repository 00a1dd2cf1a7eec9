# BEYOND NGINX (postern extension, proxy_ssl starttls): after the backend's
# "+OK" greeting postern sends "STLS" (RFC 2595 §4), waits for +OK, asks the
# shell for the handshake (BACKEND_START_TLS), and on BACKEND_TLS_UP goes on
# with USER and PASS as in plaintext (nginx-mail.md §3 POP3 backend login).
@ protocol pop3;
@ proxy_ssl starttls;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS st4rt-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: st4rt-p0p
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
B< +OK Begin TLS negotiation now.
L: state backend-starttls -> backend-tls-handshake
B: TLS
B> USER alice
B< +OK
B> PASS st4rt-p0p
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! st4rt-p0p
