# A client that talks during smtp_greeting_delay (a spam bot not waiting for
# the greeting, RFC 5321 §4.3.1) gets "503 5.5.0 Improper use of SMTP command
# pipelining" and the connection is closed; no greeting is ever sent
# (nginx-mail.md §3 SMTP Greeting; ngx_mail_smtp_invalid_pipelining).
@ protocol smtp;
@ smtp_greeting_delay 2s;
T: +1000
C: EHLO early.example
S: 503 5.5.0 Improper use of SMTP command pipelining
CLOSED
