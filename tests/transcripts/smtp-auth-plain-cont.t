# AUTH PLAIN without an initial response: the server asks with "334 " (an
# empty challenge, RFC 4954 §4) and takes the response on the next line
# (nginx-mail.md §3 SMTP "AUTH challenges: 334 ").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN
S:raw 334 \r\n
C: AGFsaWNlAGMwbnQtcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: c0nt-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
L! c0nt-pw
L! AGFsaWNlAGMwbnQtcHc=
