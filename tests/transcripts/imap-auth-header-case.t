# Header names in the auth reply match case-insensitively (nginx-mail.md
# §2 "Matching is case-insensitive").
S: * OK IMAP4 ready
C: a1 LOGIN alice hc4se-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: hc4se-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< auth-status: OK
A< AUTH-SERVER: 127.0.0.2
A< auth-PORT: 10143
A< auth-pass: hc4se-b4ck
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {10}
B< + OK
B> hc4se-b4ck
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! hc4se-pw
L! hc4se-b4ck
