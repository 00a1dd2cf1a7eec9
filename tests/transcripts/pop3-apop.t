# APOP name digest (pop3_auth plain apop; RFC 1939 §7): Auth-Method: apop,
# Auth-Pass is the digest and Auth-Salt, the greeting's timestamp, follows
# it; the auth server's Auth-Pass is the password the backend gets with
# USER/PASS (nginx-mail.md §2 Request "APOP -> the digest", "Auth-Salt ...
# only apop/cram-md5"; "Auth-Pass is required whenever the client sent no
# plain password"; §3 POP3 Backend login).  The digest is
# md5("<4242.1700000000@mail.example.test>ap0p-s3cret").
@ protocol pop3;
@ pop3_auth plain apop;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: APOP alice 850d2f07da24c94582494eeb8c6d2a99
A> Host: 127.0.0.1
A> Auth-Method: apop
A> Auth-User: alice
A> Auth-Pass: 850d2f07da24c94582494eeb8c6d2a99
A> Auth-Salt: <4242.1700000000@mail.example.test>
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A< Auth-Pass: ap0p-b4ck3nd
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS ap0p-b4ck3nd
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! ap0p-b4ck3nd
L! 850d2f07da24c94582494eeb8c6d2a99
