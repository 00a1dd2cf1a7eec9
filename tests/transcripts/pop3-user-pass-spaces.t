# USER and PASS take the rest of the line as their argument, spaces
# included (nginx-mail.md §3 POP3 "both arguments may contain spaces"; RFC
# 1939 §7 PASS).  The spaces after the keyword separate; the inner and
# trailing ones belong to the argument (nginx's sw_argument keeps SP for
# USER and PASS).  They are escaped in the auth request and sent as they came
# to the backend.
@ protocol pop3;
S: +OK POP3 ready
C: USER  john smith
S: +OK
C: PASS my sp4ce pw 
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: john%20smith
A> Auth-Pass: my%20sp4ce%20pw%20
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> USER john smith
B< +OK
B> PASS my sp4ce pw 
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! sp4ce
