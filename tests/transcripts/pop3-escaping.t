# Auth-User and Auth-Pass escape bytes 0x00-0x20 and '%' as %XX, upper-case
# hex; nothing else (UTF-8, quotes, backslashes pass through) (nginx-mail.md
# §2 Escaping; checked live: "us er" -> us%20er, "bad%pw" -> bad%25pw).  The
# backend gets the raw values.
@ protocol pop3;
S: +OK POP3 ready
C: USER us er\xc3\xa9
S: +OK
C: PASS bad%pw\t"q\\
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: us%20er\xc3\xa9
A> Auth-Pass: bad%25pw%09"q\\
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> USER us er\xc3\xa9
B< +OK
B> PASS bad%pw\t"q\\
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! bad%pw
