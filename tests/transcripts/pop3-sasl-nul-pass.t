# A PLAIN password with a NUL inside ("s3cr3t\0x"): POP3 cannot carry a NUL
# in PASS, so the credentials are refused (DESIGN §6 "Credentials decoded
# from SASL that contain CR, LF or NUL (where the protocol cannot carry them)
# are rejected").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN AGFsaWNlAHMzY3IzdAB4
S: -ERR invalid command
C: NOOP
S: +OK
L! s3cr3t
L! AGFsaWNlAHMzY3IzdAB4
