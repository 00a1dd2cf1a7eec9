# limit_login_per_* (postern extension), POP3: "-ERR [SYS/TEMP]" (RFC 3206)
# for the refused PASS; USER and PASS may be sent again.
@ protocol pop3;
S: +OK POP3 ready
C: USER bob
S: +OK
C: PASS pw1
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: pw1
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
LIMIT: login
S: -ERR [SYS/TEMP] Too many login attempts, try later
C: QUIT
S: +OK
CLOSED
L! pw1
