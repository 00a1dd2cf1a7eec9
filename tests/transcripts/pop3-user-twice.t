# A second USER right after USER is an invalid command (after USER nginx
# takes only PASS, CAPA, NOOP, QUIT) and returns to the start state, so a
# PASS right after it is invalid too; a new USER then PASS works
# (nginx-mail.md §3 POP3 "PASS is valid only right after USER").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: USER bob
S: -ERR invalid command
C: PASS tw1ce-pw
S: -ERR invalid command
C: USER bob
S: +OK
C: PASS tw1ce-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: tw1ce-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! tw1ce-pw
