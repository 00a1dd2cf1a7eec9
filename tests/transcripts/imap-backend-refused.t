# The backend connection is refused: internal error and close
# (nginx-mail.md §2 "the backend cannot be connected"; §3 "A backend
# connect error or timeout gives the internal-error line").
S: * OK IMAP4 ready
C: a1 LOGIN alice refu-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: refu-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
B: refused
S: * BAD internal server error
CLOSED
L! refu-pw
