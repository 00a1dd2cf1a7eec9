# A header name outside [A-Za-z0-9-] ("Auth_Status") is "sent invalid
# header in response", an internal error (nginx-mail.md §2 Response
# parsing; DESIGN §6).
S: * OK IMAP4 ready
C: a1 LOGIN alice hdr-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: hdr-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth_Status: OK
S: * BAD internal server error
CLOSED
L: invalid header
L! hdr-pw
