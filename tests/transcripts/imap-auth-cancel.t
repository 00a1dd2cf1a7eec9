# "*" (RFC 9051 §6.2.2 cancel) is not special in nginx: it fails base64
# decoding and the AUTHENTICATE tag gets BAD (nginx-mail.md §3 SASL "The
# `*` cancel is not special").  Then commands are read again.
S: * OK IMAP4 ready
C: a1 AUTHENTICATE PLAIN
S: + 
C: *
S: a1 BAD invalid command
C: a2 NOOP
S: a2 OK completed
