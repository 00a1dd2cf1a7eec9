# During smtp_greeting_delay ANY client byte counts, not just a whole line:
# nginx's ngx_mail_smtp_invalid_pipelining/discard_command rejects on the
# first read that returns data ("If the client sends anything during the
# delay", nginx-mail.md §3 SMTP Greeting): 503 then close.
@ protocol smtp;
@ smtp_greeting_delay 2s;
T: +500
C:raw E
S: 503 5.5.0 Improper use of SMTP command pipelining
CLOSED
