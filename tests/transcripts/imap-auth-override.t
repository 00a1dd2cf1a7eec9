# Auth-User and Auth-Pass in the auth reply replace the credentials used
# toward the backend (nginx-mail.md §2 "`Auth-User` / `Auth-Pass` override
# the credentials used toward the backend"); literal lengths follow.
S: * OK IMAP4 ready
C: a1 LOGIN alice 0v3rr1d3-me
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 0v3rr1d3-me
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A< Auth-User: alice@store1
A< Auth-Pass: st0re-pw
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {12}
B< + OK
B> alice@store1 {8}
B< + OK
B> st0re-pw
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! 0v3rr1d3-me
L! st0re-pw
