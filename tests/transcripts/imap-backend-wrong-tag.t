# A tagged OK with another tag than the client's is not the login's
# answer: invalid response, internal error (nginx-mail.md §3 IMAP Backend
# login "waits for `<tag>OK...`").
S: * OK IMAP4 ready
C: a1 LOGIN alice wt4g-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: wt4g-pw
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
B> alice {7}
B< + OK
B> wt4g-pw
B< a2 OK Logged in
S: * BAD internal server error
CLOSED
L! wt4g-pw
