# A backend reply that does not fit in proxy_buffer: "upstream sent too long
# response line", internal error 451 4.3.2, close (nginx-mail.md §1
# proxy_buffer "A backend reply line during login must fit in it", §3
# "Backend login failures").
@ protocol smtp;
@ proxy_buffer 64;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGwwbmctcjNwbHktcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0ng-r3ply-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
S: 451 4.3.2 Internal server error
CLOSED
L! l0ng-r3ply-pw
