# The client's tag is reused toward the backend ("<tag> LOGIN {n}") and
# the backend's tagged OK must carry it (nginx-mail.md §3 IMAP Backend
# login "the client's tag is reused").
S: * OK IMAP4 ready
C: Tg.9_x-Y LOGIN alice t4g-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: t4g-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * OK IMAP4rev1 backend ready
B> Tg.9_x-Y LOGIN {5}
B< + OK
B> alice {6}
B< + OK
B> t4g-pw
B< Tg.9_x-Y OK Logged in
S: Tg.9_x-Y OK Logged in
RELAY
L! t4g-pw
