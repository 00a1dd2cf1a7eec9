# A backend line that is no IMAP response at all (a NUL where the tag
# goes): "upstream sent invalid response", the internal error
# (nginx-mail.md §3 Backend login failures).
S: * OK IMAP4 ready
C: a1 LOGIN alice g4rb4g3-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: g4rb4g3-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B<raw \x00 OK hello\r\n
S: * BAD internal server error
CLOSED
L: upstream sent invalid response
L! g4rb4g3-pw
