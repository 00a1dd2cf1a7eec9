# No command within `timeout` (default 60s) before login: nginx logs
# "client timed out" and closes without sending anything
# (ngx_mail_imap_auth_state, rev->timedout; nginx-mail.md §3 Timeouts).
S: * OK IMAP4 ready
T: +60000
CLOSED
