# USER, PASS and APOP arguments holding a NUL are refused as invalid
# commands before they reach the auth request or a backend command (DESIGN
# §6; nginx PR #1620 for PASS); the session goes on.
@ protocol pop3;
@ pop3_auth plain apop;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C:raw USER al\x00ice\r\n
S: -ERR invalid command
C: USER alice
S: +OK
C:raw PASS pw\x00zz\r\n
S: -ERR invalid command
C:raw APOP al\x00ice 0123456789abcdef0123456789abcdef\r\n
S: -ERR invalid command
A: none
C: NOOP
S: +OK
L! zz
