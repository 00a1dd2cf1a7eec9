# The client closes after USER: the session ends, nothing is sent and no
# auth request is made (ngx_mail_read_command: recv() == 0 closes the
# connection).
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C:EOF
CLOSED
