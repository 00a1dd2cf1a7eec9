# A CRAM-MD5 failure with Auth-Wait, then a LOGIN retry: the second request
# is a fresh plain one (no Auth-Salt, the new password, attempt 2), nothing
# of the CRAM-MD5 attempt is left (nginx-mail.md §2 Auth-Wait; §4
# CVE-2026-27651: clear a credential's pointer and length together).
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
A< Auth-Status: Invalid login or password
A< Auth-Wait: 1
A<
T: +1000
S: a1 NO Invalid login or password
C: a2 LOGIN bob r3try-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: r3try-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
L! r3try-pw
