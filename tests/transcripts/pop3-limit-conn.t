# limit_conn_per_* (postern extension), POP3: "-ERR [SYS/TEMP]" (RFC 3206
# §4, a temporary failure) in place of the greeting, then close.
@ protocol pop3;
LIMIT: conn
S: -ERR [SYS/TEMP] Too many connections, try later
CLOSED
