# CRAM-MD5 (imap_auth cram-md5): the challenge is base64 of the salt
# <4242.1700000000@mail.example.test>; the request has Auth-Method:
# cram-md5, Auth-Pass = the digest and Auth-Salt after Auth-Pass; the auth
# server's Auth-Pass is the password used toward the backend
# (nginx-mail.md §2 Request and Auth-Pass, §3 SASL CRAM-MD5).
@ imap_auth plain cram-md5;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE CRAM-MD5
S: + PDQyNDIuMTcwMDAwMDAwMEBtYWlsLmV4YW1wbGUudGVzdD4=
C: YWxpY2UgMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=
A> Host: 127.0.0.1
A> Auth-Method: cram-md5
A> Auth-User: alice
A> Auth-Pass: 0123456789abcdef0123456789abcdef
A> Auth-Salt: <4242.1700000000@mail.example.test>
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A< Auth-Pass: cr4m-b4ck3nd
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {12}
B< + OK
B> cr4m-b4ck3nd
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! cr4m-b4ck3nd
L! 0123456789abcdef0123456789abcdef
