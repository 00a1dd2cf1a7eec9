# Backend replies may arrive in any pieces (TCP): a greeting and an EHLO
# reply split inside a line are reassembled (nginx-mail.md §3 SMTP "Multi-line
# replies are collected until the final line"; DESIGN §3 resumable machines).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHNwbDF0LXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: spl1t-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B<raw 22
B<raw 0 backend.exa
B<raw mple ESMTP\r
B<raw \n
B> EHLO mail.example.test
B<raw 250-backend.example\r\n250
B<raw -PIPELINING\r\n25
B<raw 0 XCLIENT NAME ADDR LOGIN\r\n
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B<raw 220 backend.example ESMTP\r\n
S: 235 2.0.0 OK
RELAY
L! spl1t-pw
