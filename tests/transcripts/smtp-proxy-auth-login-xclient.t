# BEYOND NGINX (as smtp-proxy-auth-login.t): with xclient on, the EHLO replies
# (before and after XCLIENT) offer only AUTH LOGIN; postern uses AUTH LOGIN
# after the replayed EHLO.  nginx would send AUTH PLAIN (nginx/nginx#601).
@ protocol smtp;
@ proxy_smtp_auth on;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAGV4Y2gteGNsLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: exch-xcl-pw
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
B< 250-XCLIENT ADDR NAME
B< 250 AUTH LOGIN
B> XCLIENT ADDR=192.0.2.1 NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP
B> EHLO client.example
B< 250-backend.example
B< 250 AUTH LOGIN
B> AUTH LOGIN
B< 334 VXNlcm5hbWU6
B> YWxpY2U=
B< 334 UGFzc3dvcmQ6
B> ZXhjaC14Y2wtcHc=
B< 235 2.7.0 Authentication successful
S: 235 2.0.0 OK
RELAY
L! exch-xcl-pw
L! ZXhjaC14Y2wtcHc=
