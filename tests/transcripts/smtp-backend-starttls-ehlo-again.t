# BEYOND NGINX (proxy_ssl starttls): what the EHLO before STARTTLS said is
# forgotten (RFC 3207 §4.2: the client "MUST discard any knowledge obtained
# from the server ... which was not obtained from the TLS negotiation
# itself").  Before TLS the backend offers AUTH PLAIN, inside TLS only AUTH
# LOGIN: postern logs in with AUTH LOGIN, as the second EHLO says.
@ protocol smtp;
@ proxy_ssl starttls;
@ proxy_smtp_auth on;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAGVobDAtNGc0MW4=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: ehl0-4g41n
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP
B> EHLO mail.example.test
B< 250-backend.example
B< 250-AUTH PLAIN
B< 250 STARTTLS
B> STARTTLS
B< 220 2.0.0 Ready to start TLS
B: TLS
B> EHLO mail.example.test
B< 250-backend.example
B< 250 AUTH LOGIN
B> AUTH LOGIN
B< 334 VXNlcm5hbWU6
B> YWxpY2U=
B< 334 UGFzc3dvcmQ6
B> ZWhsMC00ZzQxbg==
B< 235 2.7.0 Authentication successful
S: 235 2.0.0 OK
RELAY
L! ehl0-4g41n
L! AGFsaWNlAGVobDAtNGc0MW4=
