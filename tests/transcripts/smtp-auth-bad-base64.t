# An AUTH PLAIN initial response that is not base64 is an invalid command:
# "500 5.5.1 Invalid command", back to the command state (nginx-mail.md §3
# Errors "bad base64 in SASL"; RFC 4954 §4 501 is what RFC suggests, nginx
# sends 500).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN !!!not-base64!!!
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
