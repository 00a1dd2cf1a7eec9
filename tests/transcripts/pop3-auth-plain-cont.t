# AUTH PLAIN without an initial response: the challenge is "+ " (a plus and a
# space), then the client's base64 line (nginx-mail.md §3 POP3 "Challenges:
# `+ `"; RFC 5034 §4).
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN
S: + 
C: AGNhcm9sAHBsNDFuLWMwbnQ=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: carol
A> Auth-Pass: pl41n-c0nt
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! pl41n-c0nt
L! AGNhcm9sAHBsNDFuLWMwbnQ=
