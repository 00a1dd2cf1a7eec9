# The auth server refuses with Auth-Error-SASL (freenginx): its value, the
# RFC 7628 §3.2.2 JSON in base64, goes to the client as a challenge; the
# client's dummy response (%x01, "AQ==", §3.2.3) gets the failure reply.
# Without Auth-Wait the connection then closes, as after any refusal.
@ imap_auth oauthbearer;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Error-SASL: eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NoZW1lcyI6ImJlYXJlciIsInNjb3BlIjoibWFpbCJ9
A<
S: + eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NoZW1lcyI6ImJlYXJlciIsInNjb3BlIjoibWFpbCJ9
C: AQ==
S: a1 NO Invalid token
CLOSED
L: client login failed: "Invalid token"
L! b4d-t0k3n
