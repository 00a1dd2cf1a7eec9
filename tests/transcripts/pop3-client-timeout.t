# No command within `timeout` (default 60s) before login: nginx logs
# "client timed out" and closes without sending anything
# (ngx_mail_pop3_auth_state, rev->timedout; nginx-mail.md §1 timeout).
@ protocol pop3;
S: +OK POP3 ready
T: +60000
CLOSED
