# limit_conn_per_* (postern extension), ManageSieve: BYE with TRYLATER
# (RFC 5804 §1.3, a temporary failure) in place of the greeting, then close.
@ protocol sieve;
LIMIT: conn
S: BYE (TRYLATER) "Too many connections, try later"
CLOSED
