# The POP3 command buffer is a fixed 128 bytes: a line that does not fit
# gets "-ERR invalid command" and the connection is closed (nginx-mail.md §1
# pop3 "the POP3 command buffer is a **fixed 128 bytes**"; §3 Lines "checked
# live: POP3 over 128 bytes").  Here PASS + SP + 129 bytes + CRLF = 136.
# The password in the cut-off line must not reach any log (DESIGN §6; nginx
# itself logs the line).
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS t00-l0ng-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
S: -ERR invalid command
CLOSED
L! t00-l0ng-
