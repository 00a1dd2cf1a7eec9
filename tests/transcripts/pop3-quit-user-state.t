# QUIT after USER: "+OK" and close, no auth request (nginx-mail.md §3 POP3
# QUIT; nginx's ngx_pop3_user state takes QUIT).
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: QUIT
S: +OK
CLOSED
