# Auth-User and Auth-Pass escape bytes <= 0x20 and '%' as %XX; quotes and
# backslashes of IMAP quoted strings are undone first.
S: * OK IMAP4 ready
C: a1 LOGIN "us er" "bad%pw\\\\x\\\""
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: us%20er
A> Auth-Pass: bad%25pw\\x"
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
