# The backend connects but sends no greeting within `timeout` (60s):
# "upstream timed out", internal error (nginx-mail.md §1 timeout "connect/
# read on the backend during the backend login"; §3 "A backend connect error
# or timeout gives the internal-error line").
@ protocol pop3;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS bt1me-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: bt1me-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
T: +60000
S: -ERR internal server error
CLOSED
L! bt1me-p0p
