# auth_http_header lines come last in the request, in config order, after
# Client-IP (nginx-mail.md §2 "<auth_http_header lines, in config order>").
@ auth_http_header X-Auth-Key k3y-v4lue;
@ auth_http_header X-Realm mail;
S: * OK IMAP4 ready
C: a1 LOGIN alice xhdr-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: xhdr-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> X-Auth-Key: k3y-v4lue
A> X-Realm: mail
L! xhdr-pw
