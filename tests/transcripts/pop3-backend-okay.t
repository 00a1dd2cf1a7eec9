# The backend's status must be the "+OK" indicator (RFC 1939 §3: "+OK" or
# "-ERR", then SP or CRLF); "+OKAY" is not it.  An invalid response with
# proxy_pass_error_message off gives the internal error (nginx-mail.md §3
# POP3 Backend login "wait for `+OK`"; Backend login failures "A wrong reply
# is logged as `upstream sent invalid response`").  No USER is sent.
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS 0kay-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 0kay-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OKAY ready
S: -ERR internal server error
CLOSED
L! 0kay-p0p
