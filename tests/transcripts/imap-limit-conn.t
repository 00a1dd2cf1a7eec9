# limit_conn_per_ip / limit_conn_per_server (postern extension): the shell
# counts the client over its limit when it accepts; the core sends "* BYE"
# in place of the greeting and closes (RFC 9051 §7.1.5).
LIMIT: conn
S: * BYE Too many connections, try later
CLOSED
A: none
L! IMAP4 ready
