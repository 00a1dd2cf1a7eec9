# APOP when pop3_auth does not enable it: an invalid command (nginx-mail.md
# §3 SASL "CRAM-MD5, EXTERNAL and APOP are refused when not enabled").  No
# salt in the greeting.
@ protocol pop3;
S: +OK POP3 ready
C: APOP alice 850d2f07da24c94582494eeb8c6d2a99
S: -ERR invalid command
C: NOOP
S: +OK
