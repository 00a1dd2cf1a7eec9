# proxy_pass_error_message on: the backend's XCLIENT refusal is relayed to the
# client, then close (nginx-mail.md §1 proxy_pass_error_message, §3).
@ protocol smtp;
@ proxy_pass_error_message on;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHhjbC1yM2otbS1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: xcl-r3j-m-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP
B> EHLO mail.example.test
B< 250 backend.example
B> XCLIENT ADDR=192.0.2.1 LOGIN=alice NAME=[UNAVAILABLE]
B< 550 5.7.0 Error: insufficient authorization
S: 550 5.7.0 Error: insufficient authorization
CLOSED
L! xcl-r3j-m-pw
