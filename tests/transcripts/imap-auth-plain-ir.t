# AUTHENTICATE PLAIN with an initial response: base64(authzid NUL user NUL
# pass); the authzid is dropped (nginx-mail.md §3 SASL PLAIN).  Neither the
# password nor the SASL payload may be logged (DESIGN §6).
S: * OK IMAP4 ready
C: a1 AUTHENTICATE PLAIN YXV0aHoAYWxpY2UAczNjcjN0LXBsNDFu
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: s3cr3t-pl41n
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! s3cr3t-pl41n
L! YXV0aHoAYWxpY2UAczNjcjN0LXBsNDFu
