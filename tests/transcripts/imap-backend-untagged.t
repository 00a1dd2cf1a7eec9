# One untagged line (Gmail's "* CAPABILITY ...") before the tagged OK is
# accepted (nginx >= 1.27.3) and forwarded to the client with the OK
# (nginx-mail.md §3 IMAP Backend login).
S: * OK IMAP4 ready
C: a1 LOGIN alice unt4g-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: unt4g-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {8}
B< + OK
B> unt4g-pw
B< * CAPABILITY IMAP4rev1 IDLE UIDPLUS
B< a1 OK Logged in
S: * CAPABILITY IMAP4rev1 IDLE UIDPLUS
S: a1 OK Logged in
RELAY
L! unt4g-pw
