# An initial response must be an atom (RFC 4959 §7: base64 or "="); a
# quoted string there is an invalid command.
S: * OK IMAP4 ready
C: a1 AUTHENTICATE PLAIN "AGFsaWNlAHB3"
S: a1 BAD invalid command
A: none
