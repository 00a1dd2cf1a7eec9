# Anything but a PROXY header first closes the connection without a word
# (nginx: "broken header", ngx_mail_close_connection; §2.1 "must ... abort
# the connection").
@ protocol imap;
@ listen 127.0.0.1:11143 proxy_protocol;
C:raw a1 LOGIN alice pw\r\n
CLOSED
L: broken PROXY protocol header
