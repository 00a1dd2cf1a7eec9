# nginx PR #1620: a PLAIN password that decodes to "inj3ct-pw\r\nDELE 1"
# would reach the backend as PASS inj3ct-pw + a second command "DELE 1".
# Credentials decoded from SASL with CR, LF or NUL are refused: "-ERR invalid
# command", no auth request, nothing to a backend (nginx-mail.md §3 POP3
# "open PR nginx/nginx#1620 rejects them, and we should too"; DESIGN §6).
# The NOOP is answered, so no login is in flight.
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN AGFsaWNlAGluajNjdC1wdw0KREVMRSAx
S: -ERR invalid command
C: NOOP
S: +OK
L! inj3ct-pw
L! AGFsaWNlAGluajNjdC1wdw0KREVMRSAx
L! DELE 1
