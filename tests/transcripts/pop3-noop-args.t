# nginx does not check the argument count of NOOP, CAPA or QUIT: its parser
# takes arguments for any command and ngx_mail_pop3_auth_state runs NOOP
# ("break"), CAPA (ngx_mail_pop3_capa) and QUIT ("s->quit = 1") without
# looking at them, so "NOOP x" gets "+OK" (ngx_mail_pop3_handler.c; the ref,
# nginx-mail.md §3 POP3, lists the commands without argument rules).
@ protocol pop3;
S: +OK POP3 ready
C: NOOP extra
S: +OK
C: QUIT now
S: +OK
CLOSED
