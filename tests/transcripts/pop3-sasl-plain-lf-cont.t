# The same injection with a bare LF, through the "+ " continuation: the
# password decodes to "n3wl1ne\nDELE 1" and is refused (PR nginx/nginx#1620;
# DESIGN §6 "Credentials decoded from SASL that contain CR, LF or NUL ... are
# rejected before they reach a backend or the auth request").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN
S: + 
C: AGFsaWNlAG4zd2wxbmUKREVMRSAx
S: -ERR invalid command
C: NOOP
S: +OK
L! n3wl1ne
L! AGFsaWNlAG4zd2wxbmUKREVMRSAx
L! DELE 1
