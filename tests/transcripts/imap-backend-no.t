# The backend refuses the login ("a1 NO ..."); with proxy_pass_error_message
# off (default) the client gets the internal error and the connection
# closes (nginx-mail.md §3 Backend login failures).
S: * OK IMAP4 ready
C: a1 LOGIN alice bn0-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: bn0-pw
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
B> alice {6}
B< + OK
B> bn0-pw
B< a1 NO [AUTHENTICATIONFAILED] Authentication failed.
S: * BAD internal server error
CLOSED
L! bn0-pw
