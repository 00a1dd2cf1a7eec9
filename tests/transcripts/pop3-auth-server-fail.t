# The auth server cannot be reached or fails ("A: fail"): internal error and
# close (nginx-mail.md §2 "the auth server is unreachable, times out, closes
# early ...").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS af41l-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: af41l-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A: fail
S: -ERR internal server error
CLOSED
L! af41l-p0p
