# Command names are case-insensitive (nginx-mail.md §3 "Command names are
# case-insensitive"; RFC 9051 §2.2.1): lower and mixed case work.
S: * OK IMAP4 ready
C: a1 capability
S: * CAPABILITY IMAP4 IMAP4rev1 UIDPLUS AUTH=PLAIN
S: a1 OK completed
C: a2 NoOp
S: a2 OK completed
C: a3 lOgIn alice c4se-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: c4se-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! c4se-pw
