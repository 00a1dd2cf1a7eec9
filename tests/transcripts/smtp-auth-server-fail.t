# The auth server is unreachable or fails: "451 4.3.2 Internal server error"
# and close (nginx-mail.md §2 "the client gets the protocol's internal-error
# line", SMTP: 451 4.3.2 Internal server error).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAGFmNDFsLXNtN3A=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: af41l-sm7p
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A: fail
S: 451 4.3.2 Internal server error
CLOSED
L! af41l-sm7p
