# The backend greets with something else than 220: "upstream sent invalid
# response", and with proxy_pass_error_message off the client gets
# "451 4.3.2 Internal server error", then close (nginx-mail.md §3 SMTP step 1,
# "Backend login failures").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGJncjMzdC1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: bgr33t-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 554 5.3.2 No service here
S: 451 4.3.2 Internal server error
CLOSED
L! bgr33t-pw
