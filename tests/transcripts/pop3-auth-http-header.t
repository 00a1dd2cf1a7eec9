# auth_http_header lines come last in the request, in config order, after
# Client-IP (nginx-mail.md §2 "<auth_http_header lines, in config order>").
@ protocol pop3;
@ auth_http_header X-Auth-Key k3y-v4lue;
@ auth_http_header X-Realm pop;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS xhdr-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: xhdr-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: k3y-v4lue
A> X-Realm: pop
L! xhdr-p0p
