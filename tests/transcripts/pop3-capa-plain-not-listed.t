# pop3_auth cram-md5 (no plain): the SASL line lists only CRAM-MD5, yet AUTH
# PLAIN is still accepted, since PLAIN and LOGIN work even when not listed
# (nginx-mail.md §3 SASL "PLAIN and LOGIN are accepted even if they are not
# listed in `*_auth`; the list only drives what is advertised").
@ protocol pop3;
@ pop3_auth cram-md5;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL CRAM-MD5
S: .
C: AUTH PLAIN AGFsaWNlAHBsNDFuLWlyLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pl41n-ir-pw
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! pl41n-ir-pw
L! AGFsaWNlAHBsNDFuLWlyLXB3
