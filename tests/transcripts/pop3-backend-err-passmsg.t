# proxy_pass_error_message on: the backend's -ERR line is relayed to the
# client as it came, then the connection closes (nginx-mail.md §1
# proxy_pass_error_message "relay the backend's reply instead of the generic
# internal error"; §3 "With `on`, the backend's reply is relayed. The
# connection is then closed").
@ protocol pop3;
@ proxy_pass_error_message on;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS b4d-p4ss-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: b4d-p4ss-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS b4d-p4ss-p0p
B< -ERR [AUTH] Authentication failed.
S: -ERR [AUTH] Authentication failed.
CLOSED
L! b4d-p4ss-p0p
