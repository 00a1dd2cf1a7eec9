# A backend reply line that does not fit in proxy_buffer during the login:
# "upstream sent too long response line", the internal error (nginx-mail.md
# §1 proxy_buffer "A backend reply line during login must fit in it"; §3
# Backend login failures).  POP3's twin: pop3-backend-too-long.t.
@ proxy_buffer 64;
S: * OK IMAP4 ready
C: a1 LOGIN alice l0ng-1map-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0ng-1map-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
S: * BAD internal server error
CLOSED
L: upstream sent too long response line
L! l0ng-1map-pw
