# A password literal holding a NUL is refused before it reaches the auth
# request or a backend (DESIGN §6: credentials with CR, LF or NUL), as an
# invalid command; the session goes on.
S: * OK IMAP4 ready
C: a1 LOGIN alice {5}
S: + OK
C:raw pw\x00zz\r\n
S: a1 BAD invalid command
A: none
C: a2 NOOP
S: a2 OK completed
L! zz
