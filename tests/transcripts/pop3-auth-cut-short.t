# The auth reply ends before its empty line (the connection closes early):
# internal error and close (nginx-mail.md §2 "closes early, or sends a
# malformed or oversized reply").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS cut-sh0rt-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: cut-sh0rt-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A: done
S: -ERR internal server error
CLOSED
L! cut-sh0rt-pw
