# Client bytes pipelined after PASS wait, unread and unanswered, during
# auth_http and the backend login, then go to the backend when the relay
# starts (nginx-mail.md §2 "pipelined data survives"; §3 Pipelining "Bytes
# left in the buffer when login completes are forwarded to the backend").
@ protocol pop3;
S: +OK POP3 ready
C:raw USER alice\r\nPASS p1p3-p0p\r\nSTAT\r\nRETR 1\r\n
S: +OK
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: p1p3-p0p
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
B> PASS p1p3-p0p
B< +OK Logged in.
S: +OK Logged in.
RELAY: STAT\r\nRETR 1\r\n
L! p1p3-p0p
