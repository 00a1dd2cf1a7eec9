# proxy_pass_error_message on: the backend's refusal line is relayed to
# the client as is, then close (nginx-mail.md §1 proxy_pass_error_message;
# §3 Backend login failures).
@ proxy_pass_error_message on;
S: * OK IMAP4 ready
C: a1 LOGIN alice bn0p-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: bn0p-pw
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
B> bn0p-pw
B< a1 NO [AUTHENTICATIONFAILED] Authentication failed.
S: a1 NO [AUTHENTICATIONFAILED] Authentication failed.
CLOSED
L! bn0p-pw
