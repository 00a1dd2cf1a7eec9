# The ref is silent on which bytes an atom may hold.  nginx takes any byte
# but SP, CR and LF in an unquoted argument; postern follows RFC 9051
# §9 (ASTRING-CHAR: no '%', '*', '(', ')', '{', '\\' or 8-bit bytes),
# a documented choice in grammar/imap.rl, and this transcript expects
# postern's: the atom "bad%pw*" is BAD, the same password quoted is sent
# on, escaped (nginx-mail.md §2: `bad%pw` -> `bad%25pw`).
S: * OK IMAP4 ready
C: a1 LOGIN bob bad%pw*
S: a1 BAD invalid command
C: a2 LOGIN bob "bad%pw*"
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: bad%25pw*
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! bad%pw*
L! bad%25pw*
