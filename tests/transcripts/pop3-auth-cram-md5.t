# AUTH CRAM-MD5 (pop3_auth plain cram-md5; RFC 2195): the challenge is "+ "
# and the base64 of the salt <4242.1700000000@mail.example.test>; the
# request has Auth-Method: cram-md5, Auth-Pass the hex digest, Auth-Salt
# after it; the auth server's Auth-Pass goes to the backend (nginx-mail.md §3
# SASL CRAM-MD5; §2 Request, Auth-Pass).  The digest is
# HMAC-MD5("cr4m-s3cret", salt).
@ protocol pop3;
@ pop3_auth plain cram-md5;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: AUTH CRAM-MD5
S: + PDQyNDIuMTcwMDAwMDAwMEBtYWlsLmV4YW1wbGUudGVzdD4=
C: YWxpY2UgMDQ3M2M4MGFmMTEyMzgwYTgwODhiYmM1NWQ3Nzg0NzY=
A> Host: 127.0.0.1
A> Auth-Method: cram-md5
A> Auth-User: alice
A> Auth-Pass: 0473c80af112380a8088bbc55d778476
A> Auth-Salt: <4242.1700000000@mail.example.test>
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A< Auth-Pass: cr4m-b4ck3nd
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS cr4m-b4ck3nd
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! cr4m-b4ck3nd
L! 0473c80af112380a8088bbc55d778476
L! YWxpY2UgMDQ3M2M4MGFmMTEyMzgwYTgwODhiYmM1NWQ3Nzg0NzY=
