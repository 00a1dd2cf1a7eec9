# ID before login (RFC 2971, postern extension: nginx answers BAD, and
# clients that see ID in imap_capabilities send it; Mailu #2938): "* ID NIL"
# (no version is revealed) and "<tag> OK ID completed".  The client's pairs
# go to the auth server as Client-ID-<field> headers, values unquoted and
# escaped as every value (bytes <= 0x20 and "%" as %XX); NIL values and
# fields that are no header name ([A-Za-z0-9-]) are left out.  A second ID
# replaces the first.
@ imap_capabilities IMAP4rev1 ID;
S: * OK IMAP4 ready
C: a0 CAPABILITY
S: * CAPABILITY IMAP4rev1 ID AUTH=PLAIN
S: a0 OK completed
C: a1 ID ("name" "Old")
S: * ID NIL
S: a1 OK ID completed
C: a2 id ("name" "Thunder bird" "version" "115.0%1" "os" NIL "sup port" "x" "quote" "a\\\"b\\\\c")
S: * ID NIL
S: a2 OK ID completed
C: a3 ID NIL
S: * ID NIL
S: a3 OK ID completed
C: a4 LOGIN alice secret
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: secret
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid
A<
S: a4 NO Invalid
CLOSED
