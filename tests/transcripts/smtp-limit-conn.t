# limit_conn_per_* (postern extension), SMTP: 421 in place of the 220
# greeting, then close (RFC 5321 §3.8).  The client lookup the resolver
# would have started is dropped with the greeting.
@ protocol smtp;
@ resolver 127.0.0.1;
LIMIT: conn
S: 421 4.7.0 Too many connections, try later
CLOSED
