# AUTH LOGIN with an initial response: it is the user name (the Microsoft
# variant), and the next challenge is "+ UGFzc3dvcmQ6" (nginx-mail.md §3 SASL
# "An initial response is taken as the username").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH LOGIN YWxpY2U=
S: + UGFzc3dvcmQ6
C: bDBnMW4taXItcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0g1n-ir-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! l0g1n-ir-pw
L! bDBnMW4taXItcHc=
