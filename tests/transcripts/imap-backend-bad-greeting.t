# The backend greeting must begin "* OK"; "* BYE" is an invalid response,
# so with proxy_pass_error_message off the client gets the internal error
# (nginx-mail.md §3 IMAP Backend login, Backend login failures).
S: * OK IMAP4 ready
C: a1 LOGIN alice gr33t-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: gr33t-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B< * BYE too busy
S: * BAD internal server error
CLOSED
L! gr33t-pw
