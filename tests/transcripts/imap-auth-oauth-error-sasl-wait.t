# Auth-Error-SASL with Auth-Wait: the challenge comes after the wait; the
# client's answer (here an empty line, Google's XOAUTH2 form) gets the
# failure reply and the client may try again.  A raw JSON value (not
# base64) is encoded for the client.
@ imap_auth xoauth2;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: xoauth2
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Wait: 2
A< Auth-Error-SASL: {"status":"invalid_token","schemes":"bearer","scope":"mail"}
A<
T: +1999
T: +1
S: + eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NoZW1lcyI6ImJlYXJlciIsInNjb3BlIjoibWFpbCJ9
C: 
S: a1 NO Invalid token
C: a2 AUTHENTICATE XOAUTH2 dXNlcj1hbGljZUBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB0MGszbi1hbGljZQEB
A> Host: 127.0.0.1
A> Auth-Method: xoauth2
A> Auth-User: alice@example.com
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
