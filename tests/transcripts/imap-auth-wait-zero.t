# Auth-Wait: 0 is no wait at all: the error is sent and the connection
# closed, as without Auth-Wait (ngx_mail_auth_http_process_headers: timer
# == 0 sets s->quit; nginx-mail.md §2 Auth-Wait).
S: * OK IMAP4 ready
C: a1 LOGIN alice w41t0-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w41t0-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A< Auth-Wait: 0
A<
S: a1 NO Invalid login or password
CLOSED
L! w41t0-pw
