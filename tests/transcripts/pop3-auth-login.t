# AUTH LOGIN: challenges "+ VXNlcm5hbWU6" (Username:) and "+ UGFzc3dvcmQ6"
# (Password:); SASL LOGIN is reported as Auth-Method: plain (nginx-mail.md §2
# "SASL LOGIN is reported as \"plain\""; §3 SASL LOGIN).
@ protocol pop3;
S: +OK POP3 ready
C: AUTH LOGIN
S: + VXNlcm5hbWU6
C: YWxpY2U=
S: + UGFzc3dvcmQ6
C: bDBnMW4tcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0g1n-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS l0g1n-pw
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! l0g1n-pw
L! bDBnMW4tcHc=
