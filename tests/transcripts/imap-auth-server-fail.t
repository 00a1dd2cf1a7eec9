# The auth server cannot be reached or fails ("A: fail"): internal error
# and close (nginx-mail.md §2 "the auth server is unreachable ... the
# client gets the protocol's internal-error line").
S: * OK IMAP4 ready
C: a1 LOGIN alice af41l-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: af41l-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A: fail
S: * BAD internal server error
CLOSED
L! af41l-pw
