# Client bytes pipelined after LOGIN wait (unread, unanswered) during
# auth_http and the backend login, then go to the backend when relaying
# starts (nginx-mail.md §2 "pipelined data survives"; §3 Pipelining "Bytes
# left in the buffer when login completes are forwarded").
S: * OK IMAP4 ready
C:raw a1 LOGIN alice p1p3-pw\r\na2 SELECT INBOX\r\na3 FETCH 1 BODY[]\r\n
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: p1p3-pw
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
B> p1p3-pw
B< a1 OK Logged in
S: a1 OK Logged in
RELAY: a2 SELECT INBOX\r\na3 FETCH 1 BODY[]\r\n
L! p1p3-pw
