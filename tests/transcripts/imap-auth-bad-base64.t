# Bad base64 in SASL is an invalid command, as an initial response and as
# a continuation line (nginx-mail.md §3 Errors "bad base64 in SASL").
S: * OK IMAP4 ready
C: a1 AUTHENTICATE PLAIN AGFs!!!!
S: a1 BAD invalid command
C: a2 AUTHENTICATE PLAIN
S: + 
C: @@@@
S: a2 BAD invalid command
C: a3 NOOP
S: a3 OK completed
