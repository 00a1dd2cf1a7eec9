# Only "OK" exactly (case-sensitive) is success: "Auth-Status: ok" is an
# error text and goes to the client as "<tag> NO ok" (nginx-mail.md §2
# "`Auth-Status`: `OK` (exact, case-sensitive) ... Any other value is the
# error text").
S: * OK IMAP4 ready
C: a1 LOGIN alice st4tcase-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: st4tcase-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: ok
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A<
S: a1 NO ok
CLOSED
L! st4tcase-pw
