# BEYOND NGINX (proxy_ssl starttls), response injection (ref/deps.md §2.10
# point 5, CVE-2011-0411 class seen from the client side): after the 220 to
# STARTTLS the client "MUST start the TLS negotiation before giving any
# other SMTP commands" (RFC 3207 §4); the fake EHLO reply offering AUTH PLAIN
# that came in the same read was never protected.  It is dropped and logged:
# inside TLS the backend's own EHLO reply (AUTH LOGIN only) decides.
@ protocol smtp;
@ proxy_ssl starttls;
@ proxy_smtp_auth on;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlADFuajNjdC1zbXRw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 1nj3ct-smtp
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250-PIPELINING
B< 250 STARTTLS
B> STARTTLS
B<raw 220 2.0.0 Ready to start TLS\r\n250-evil.example\r\n250 AUTH PLAIN\r\n
L: [info] upstream sent 34 bytes after its STARTTLS reply: dropped
B: TLS
B> EHLO mail.example.test
B< 250-backend.example
B< 250 AUTH LOGIN
B> AUTH LOGIN
B< 334 VXNlcm5hbWU6
B> YWxpY2U=
B< 334 UGFzc3dvcmQ6
B> MW5qM2N0LXNtdHA=
B< 235 2.7.0 Authentication successful
S: 235 2.0.0 OK
RELAY
L! 1nj3ct-smtp
L! AGFsaWNlADFuajNjdC1zbXRw
