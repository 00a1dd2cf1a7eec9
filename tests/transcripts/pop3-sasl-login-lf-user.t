# AUTH LOGIN whose user name decodes to "alice\nDELE 1": it would go to the
# backend in "USER alice\nDELE 1"; refused as soon as it is decoded, before
# the password challenge (PR nginx/nginx#1620; DESIGN §6).
@ protocol pop3;
S: +OK POP3 ready
C: AUTH LOGIN
S: + VXNlcm5hbWU6
C: YWxpY2UKREVMRSAx
S: -ERR invalid command
C: NOOP
S: +OK
L! YWxpY2UKREVMRSAx
L! DELE 1
