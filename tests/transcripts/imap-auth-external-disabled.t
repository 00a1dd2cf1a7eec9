# EXTERNAL is refused unless imap_auth enables it, with or without an
# initial response (nginx-mail.md §3 SASL; §4 hardening "EXTERNAL was
# accepted even when not enabled (1.11.9)").
S: * OK IMAP4 ready
C: a1 AUTHENTICATE EXTERNAL YWxpY2U=
S: a1 BAD invalid command
C: a2 AUTHENTICATE EXTERNAL
S: a2 BAD invalid command
C: a3 NOOP
S: a3 OK completed
