# A bare LF ends a line like CRLF (nginx-mail.md §3 Lines "A line ends with
# CRLF or a bare LF"); the replies still end in CRLF.
@ protocol pop3;
S: +OK POP3 ready
C:raw NOOP\n
S: +OK
C:raw USER alice\n
S: +OK
C:raw PASS lf-0nly-p0p\n
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: lf-0nly-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! lf-0nly-p0p
