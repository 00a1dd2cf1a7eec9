# A LIMIT_CONN after the greeting went out (the shell sends none then, but
# the core must not lose bytes): the refusal follows what was sent.
S: * OK IMAP4 ready
LIMIT: conn
S: * BYE Too many connections, try later
CLOSED
