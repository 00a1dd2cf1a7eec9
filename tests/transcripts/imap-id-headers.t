# The ID pairs in the auth request: after postern's own headers and before
# the auth_http_header lines.
@ auth_http_header X-Conf yes;
S: * OK IMAP4 ready
C: a1 ID ("name" "Thunder bird" "version" "115.0%1" "os" NIL "sup port" "x" "quote" "a\\\"b\\\\c")
S: * ID NIL
S: a1 OK ID completed
C: a2 LOGIN alice secret
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: secret
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A> Client-ID-name: Thunder%20bird
A> Client-ID-version: 115.0%251
A> Client-ID-quote: a"b\\c
A> X-Conf: yes
