# No command within `timeout` (default 60s) before login: nginx logs "client
# timed out" and closes without a reply (ngx_mail_smtp_auth_state
# rev->timedout; nginx-mail.md §1 timeout, §3 Timeouts).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
T: +60000
CLOSED
