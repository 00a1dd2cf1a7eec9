# The client closes in the middle of AUTH LOGIN, after the user name: the
# session ends silently, no auth request (ngx_mail_read_command: recv() ==
# 0 closes the connection).
@ protocol pop3;
S: +OK POP3 ready
C: AUTH LOGIN
S: + VXNlcm5hbWU6
C: YWxpY2U=
S: + UGFzc3dvcmQ6
C:EOF
CLOSED
