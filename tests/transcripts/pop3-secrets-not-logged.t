# Passwords and SASL payloads never appear in a log line, whatever the path:
# a password in an invalid command, a bad PLAIN payload, a LOGIN password,
# a failed login (DESIGN §6 "Passwords and SASL payloads never appear in any
# log line, trace or core dump path").
@ protocol pop3;
S: +OK POP3 ready
C: PASS s3cr3t-0ne
S: -ERR invalid command
C: AUTH PLAIN YWxpY2VwYXNzd29yZA==
S: -ERR invalid command
C: AUTH LOGIN
S: + VXNlcm5hbWU6
C: YWxpY2U=
S: + UGFzc3dvcmQ6
C: bDBnMW4tcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0g1n-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A<
S: -ERR Invalid login or password
CLOSED
L! s3cr3t-0ne
L! YWxpY2VwYXNzd29yZA==
L! alicepassword
L! l0g1n-pw
L! bDBnMW4tcHc=
