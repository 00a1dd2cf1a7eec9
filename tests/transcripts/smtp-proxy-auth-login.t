# BEYOND NGINX (postern extension; nginx sends only AUTH PLAIN, nginx/nginx#601,
# nginx-mail.md §5 "proxy_smtp_auth using AUTH LOGIN (Exchange lacks PLAIN)"):
# when the backend's EHLO offers only "AUTH LOGIN", postern logs in with AUTH
# LOGIN: 334 VXNlcm5hbWU6 -> base64(user), 334 UGFzc3dvcmQ6 -> base64(pass),
# 235.  Then the client gets "235 2.0.0 OK" as with PLAIN.
@ protocol smtp;
@ proxy_smtp_auth on;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAGV4Y2gtbDBnMW4=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: exch-l0g1n
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 exchange.example Microsoft ESMTP MAIL Service ready
B> EHLO mail.example.test
B< 250-exchange.example Hello
B< 250-SIZE 37748736
B< 250 AUTH LOGIN
B> AUTH LOGIN
B< 334 VXNlcm5hbWU6
B> YWxpY2U=
B< 334 UGFzc3dvcmQ6
B> ZXhjaC1sMGcxbg==
B< 235 2.7.0 Authentication successful
S: 235 2.0.0 OK
RELAY
L! exch-l0g1n
L! ZXhjaC1sMGcxbg==
