# AUTH PLAIN with an authorization identity: the authzid is dropped, the
# authentication identity is the user (nginx-mail.md §3 SASL "PLAIN: base64
# of `authzid\0user\0pass`. The authzid is dropped").
@ protocol pop3;
S: +OK POP3 ready
C: AUTH PLAIN YWRtaW4AZGF2ZQBhdXRoei1wdw==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: dave
A> Auth-Pass: authz-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! authz-pw
L! YWRtaW4AZGF2ZQBhdXRoei1wdw==
