# A reply that does not start with "HTTP/" is parsed as headers from its
# first byte (nginx-mail.md §2 Response parsing).
S: * OK IMAP4 ready
C: a1 LOGIN alice n0st4t-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: n0st4t-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {9}
B< + OK
B> n0st4t-pw
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! n0st4t-pw
