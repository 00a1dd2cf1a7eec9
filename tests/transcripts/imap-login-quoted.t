# LOGIN with quoted strings: the quotes are not part of the value, and an
# empty quoted password is passed on as an empty Auth-Pass (nginx-mail.md
# §2 "Auth-Pass: always present"; §3 "quoted strings with \ escapes";
# ngx_mail_imap_login refuses only an empty login).
S: * OK IMAP4 ready
C: a1 LOGIN "alice" ""
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: 
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
