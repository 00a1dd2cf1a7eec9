# A resolved name with a space (and an XCLIENT attribute behind it) is not a
# host name: it must not reach XCLIENT, where "NAME=x LOGIN=root" would add an
# attribute.  nginx >= 1.29.7 accepts only [A-Za-z0-9.-] and uses
# "[TEMPUNAVAIL]" otherwise (CVE-2026-28753; nginx-mail.md §2, §3 Resolver).
@ protocol smtp;
@ resolver 127.0.0.1;
R: evil.example LOGIN=root
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGp1bmstaDBzdC1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: junk-h0st-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [TEMPUNAVAIL]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP Postfix
B> EHLO mail.example.test
B< 250-backend.example
B< 250 XCLIENT ADDR LOGIN NAME HELO
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[TEMPUNAVAIL]
B< 220 backend.example ESMTP Postfix
S: 235 2.0.0 OK
RELAY
L! junk-h0st-pw
