# AUTHENTICATE LOGIN with an initial response that is not base64: an
# invalid command, no auth request (nginx-mail.md §3 Errors "bad base64 in
# SASL"); likewise a bad EXTERNAL response after its challenge.
@ imap_auth login external;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE LOGIN !!!!
S: a1 BAD invalid command
C: a2 AUTHENTICATE EXTERNAL
S: + VXNlcm5hbWU6
C: @@@@
S: a2 BAD invalid command
A: none
C: a3 NOOP
S: a3 OK completed
