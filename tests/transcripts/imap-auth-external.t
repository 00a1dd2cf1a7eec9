# EXTERNAL with an initial response (imap_auth external): Auth-Method:
# external, Auth-Pass empty, no Auth-Salt; the auth server supplies the
# password for the backend (nginx-mail.md §2 "Auth-Pass ... empty for
# external", "Auth-Pass is required whenever the client sent no plain
# password"; §3 SASL EXTERNAL).
@ imap_auth external;
S: * OK IMAP4 ready
C: a1 AUTHENTICATE EXTERNAL YWxpY2U=
A> Host: 127.0.0.1
A> Auth-Method: external
A> Auth-User: alice
A> Auth-Pass: 
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10143
A< Auth-Pass: ext-b4ck3nd
A<
B< * OK IMAP4rev1 backend ready
B> a1 LOGIN {5}
B< + OK
B> alice {11}
B< + OK
B> ext-b4ck3nd
B< a1 OK Logged in
S: a1 OK Logged in
RELAY
L! ext-b4ck3nd
