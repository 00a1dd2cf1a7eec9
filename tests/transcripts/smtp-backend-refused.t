# The backend connection is refused: "451 4.3.2 Internal server error" and
# close (nginx-mail.md §2 "the backend cannot be connected", §3 "A backend
# connect error or timeout gives the internal-error line").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHIzZnUtc203cA==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: r3fu-sm7p
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B: refused
S: 451 4.3.2 Internal server error
CLOSED
L! r3fu-sm7p
