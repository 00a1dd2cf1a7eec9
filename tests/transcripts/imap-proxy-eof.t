# The client leaves before its header is complete.
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
C:raw PROXY TCP4
C:EOF
CLOSED
L: client closed connection
