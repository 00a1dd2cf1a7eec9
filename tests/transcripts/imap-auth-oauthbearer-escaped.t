# OAUTHBEARER's authzid is an RFC 5801 saslname: "=2C" is "," and "=3D"
# is "=" in the user sent to the auth server (escaped there by the
# auth_http rules: bytes <= 0x20 and "%" only).
@ imap_auth oauthbearer;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE OAUTHBEARER bixhPWE9MkNiPTNEYywBYXV0aD1CZWFyZXIgdDBrM24tYWxpY2UBAQ==
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: a,b=c
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
