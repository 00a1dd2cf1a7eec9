# AUTH CRAM-MD5 (smtp_auth ... cram-md5): the challenge is "334 " + base64 of
# the salt <random.time@server_name> (RFC 2195; nginx-mail.md §3 SASL
# CRAM-MD5); the request has Auth-Method: cram-md5, Auth-Pass = the digest and
# Auth-Salt (§2).  For SMTP the auth server need not send Auth-Pass unless
# proxy_smtp_auth is on (§2), so the login completes without it.
@ protocol smtp;
@ smtp_auth plain login cram-md5;
S: 220 mail.example.test ESMTP ready
C: AUTH CRAM-MD5
S: 334 PDQyNDIuMTcwMDAwMDAwMEBtYWlsLmV4YW1wbGUudGVzdD4=
C: YWxpY2UgMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=
A> Host: 127.0.0.1
A> Auth-Method: cram-md5
A> Auth-User: alice
A> Auth-Pass: 0123456789abcdef0123456789abcdef
A> Auth-Salt: <4242.1700000000@mail.example.test>
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
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! 0123456789abcdef0123456789abcdef
