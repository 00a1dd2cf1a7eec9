# Leading and trailing spaces around an auth reply value are not part of
# it (nginx-mail.md §2 "leading and trailing spaces are stripped from
# values"): "OK" with spaces is still success, the port still parses.
S: * OK IMAP4 ready
C: a1 LOGIN alice sp4ce-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: sp4ce-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status:    OK   
A< Auth-Server:  127.0.0.2 
A< Auth-Port: 10143  
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {8}
B< + OK
B> sp4ce-pw
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! sp4ce-pw
