# A CRAM-MD5 failure with Auth-Wait, then a USER/PASS retry: the second
# request is a fresh plain one (no Auth-Salt, the new password, attempt 2);
# nothing of the CRAM-MD5 attempt is left (nginx-mail.md §2 Auth-Wait; §4
# CVE-2026-27651: clear a credential's pointer and length together).
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
A< Auth-Status: Invalid login or password
A< Auth-Wait: 1
A<
T: +1000
S: -ERR Invalid login or password
C: USER bob
S: +OK
C: PASS r3try-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: r3try-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
L! r3try-p0p
L! 0473c80af112380a8088bbc55d778476
