# AUTHENTICATE PLAIN without initial response: "+ " then the response
# line.  The AUTHENTICATE tag is kept across the continuation, so the auth
# error comes back as "a1 NO <text>" (nginx-mail.md §3 IMAP "AUTHENTICATE
# continuations: `+ ` (PLAIN) ... The tag of the AUTHENTICATE line is kept";
# §2 "The client gets `<tag> NO <text>`").
S: * OK IMAP4 ready
C: a1 AUTHENTICATE PLAIN
S: + 
C: AGNhcm9sAGh1bnRlcjI=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: carol
A> Auth-Pass: hunter2
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A<
S: a1 NO Invalid login or password
CLOSED
L! hunter2
L! AGNhcm9sAGh1bnRlcjI=
