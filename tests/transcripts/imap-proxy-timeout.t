# The header is awaited under the server's timeout (60s by default).
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
C:raw PROXY TCP4 203.0.113.7
T: +60000
CLOSED
L: client timed out
