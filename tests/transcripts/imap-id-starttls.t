# STARTTLS forgets the ID sent before it (DESIGN §6: no pre-TLS state
# survives); an ID inside TLS counts.
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: * OK IMAP4 ready
C: a1 ID ("name" "before-tls")
S: * ID NIL
S: a1 OK ID completed
C: a2 STARTTLS
S: a2 OK completed
TLS
C: a3 LOGIN alice secret
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: secret
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Auth-SSL: on
A> Auth-SSL-Protocol: TLSv1.2
A> Auth-SSL-Cipher: ECDHE-RSA-AES128-GCM-SHA256
A> Client-Port: 50123
A> Server-Addr: 127.0.0.1
A> Server-Port: 11143
A< HTTP/1.0 200 OK
A< Auth-Status: Nope
A<
S: a3 NO Nope
CLOSED
L! before-tls
