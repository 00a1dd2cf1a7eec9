# USER and PASS need their argument: "USER", "USER" followed only by spaces
# and a bare "PASS" are invalid commands, and the invalid PASS ends the USER
# state, so a PASS after it is invalid as well (nginx-mail.md §3 Errors
# "wrong argument count"; ngx_mail_pop3_user/_pass "s->args.nelts != 1").
@ protocol pop3;
S: +OK POP3 ready
C: USER
S: -ERR invalid command
C: USER   
S: -ERR invalid command
C: USER alice
S: +OK
C: PASS
S: -ERR invalid command
C: PASS 4rgc-pw
S: -ERR invalid command
L! 4rgc-pw
