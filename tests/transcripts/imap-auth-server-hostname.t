# Auth-Server must be an IP literal; a host name is "sent invalid server
# address", an internal error (nginx-mail.md §2 Auth-Server).
S: * OK IMAP4 ready
C: a1 LOGIN alice h0st-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: h0st-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: imap.example.test
A< Auth-Port: 10143
A<
S: * BAD internal server error
CLOSED
L: invalid server address
L! h0st-pw
