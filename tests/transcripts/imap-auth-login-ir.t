# AUTHENTICATE LOGIN with an initial response: it is the user name (the
# Microsoft variant), so only the password challenge follows
# (nginx-mail.md §3 SASL LOGIN).
S: * OK IMAP4 ready
C: a1 AUTHENTICATE LOGIN ZGF2ZQ==
S: + UGFzc3dvcmQ6
C: cDRzcy1sMGcxbg==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: dave
A> Auth-Pass: p4ss-l0g1n
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! p4ss-l0g1n
L! cDRzcy1sMGcxbg==
