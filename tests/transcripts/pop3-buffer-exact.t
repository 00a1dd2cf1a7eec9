# A line of exactly 128 bytes, CRLF included, fits the fixed POP3 buffer
# (nginx-mail.md §3 Timeouts and buffers "pop3 client buffer | 128 bytes"):
# PASS + SP + 121 bytes + CRLF.
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS ex4ct-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: ex4ct-yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! ex4ct-
