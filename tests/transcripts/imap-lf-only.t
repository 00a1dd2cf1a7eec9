# A bare LF ends a line like CRLF (nginx-mail.md §3 "A line ends with CRLF or
# a bare LF"); postern's replies still end in CRLF, as nginx's texts do.
S: * OK IMAP4 ready
C:raw a1 NOOP\n
S: a1 OK completed
C:raw a2 LOGIN alice lf-0nly-pw\n
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: lf-0nly-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! lf-0nly-pw
