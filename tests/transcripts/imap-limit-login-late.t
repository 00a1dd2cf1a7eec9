# A LIMIT_LOGIN when no auth request waits for its answer changes nothing.
S: * OK IMAP4 ready
C: a1 LOGIN alice pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< Auth-Status: Invalid login
A< Auth-Wait: 1
A<
LIMIT: login
T: +1000
S: a1 NO Invalid login
