# limit_login_per_* (postern extension), SMTP: "454 4.7.0" (RFC 4954 §6,
# temporary authentication failure); the session stays in its EHLO state.
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN AGFsaWNlAHB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
LIMIT: login
S: 454 4.7.0 Too many login attempts, try later
C: QUIT
S: 221 2.0.0 Bye
CLOSED
