# Auth-User and Auth-Pass in the auth reply replace the credentials used
# toward the backend (nginx-mail.md §2 "`Auth-User` / `Auth-Pass` override
# the credentials used toward the backend").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS 0v3rr1d3-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 0v3rr1d3-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A< Auth-User: alice@store1
A< Auth-Pass: st0re-p0p
A<
B< +OK Dovecot ready.
B> USER alice@store1
B< +OK
B> PASS st0re-p0p
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! 0v3rr1d3-p0p
L! st0re-p0p
