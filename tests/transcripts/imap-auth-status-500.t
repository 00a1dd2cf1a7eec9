# The HTTP status code is never checked: "HTTP/1.0 500 Oops" with
# Auth-Status: OK is a success and the backend login starts
# (nginx-mail.md §2 "a 500 carrying `Auth-Status: OK` counts as success").
S: * OK IMAP4 ready
C: a1 LOGIN alice fiveh-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: fiveh-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 500 Oops
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {8}
B< + OK
B> fiveh-pw
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! fiveh-pw
