# limit_conn_per_* (postern extension) with smtp_greeting_delay: refused at
# once, not after the delay.
@ protocol smtp;
@ smtp_greeting_delay 2s;
LIMIT: conn
S: 421 4.7.0 Too many connections, try later
CLOSED
