# LOGIN with synchronizing literals {n}: nginx answers each with "+ OK"
# and the literal bytes (spaces included) are the value (nginx-mail.md §3
# IMAP Arguments; RFC 9051 §4.3).
S: * OK IMAP4 ready
C: a1 LOGIN {5}
S: + OK
C: alice {8}
S: + OK
C: lit pw 1
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: lit%20pw%201
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! lit pw 1
L! lit%20pw%201
