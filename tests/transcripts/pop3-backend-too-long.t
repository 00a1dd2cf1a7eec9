# A backend reply line that does not fit in proxy_buffer: "upstream sent too
# long response line", internal error (nginx-mail.md §1 proxy_buffer "A
# backend reply line during login must fit in it"; §3 Backend login
# failures).
@ protocol pop3;
@ proxy_buffer 64;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS l0ng-b4ck-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0ng-b4ck-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
S: -ERR internal server error
CLOSED
L: upstream sent too long response line
L! l0ng-b4ck-p0p
