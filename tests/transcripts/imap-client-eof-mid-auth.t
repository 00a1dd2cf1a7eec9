# The client closes in the middle of AUTHENTICATE LOGIN (after the
# username): nginx closes the session, nothing is sent and no auth request
# is made (ngx_mail_read_command: recv() == 0 closes the connection).
S: * OK IMAP4 ready
C: a1 AUTHENTICATE LOGIN
S: + VXNlcm5hbWU6
C: YWxpY2U=
S: + UGFzc3dvcmQ6
C:EOF
CLOSED
