# The backend connects but sends no greeting within `timeout` (60s):
# "upstream timed out", internal error (nginx-mail.md §1 "timeout ... and
# connect/read on the backend during the backend login"; §3).
S: * OK IMAP4 ready
C: a1 LOGIN alice bt1me-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: bt1me-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
T: +60000
S: * BAD internal server error
CLOSED
L! bt1me-pw
