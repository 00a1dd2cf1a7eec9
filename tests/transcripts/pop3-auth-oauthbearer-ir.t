# POP3 AUTH OAUTHBEARER with an initial response (RFC 5034 §4).
@ protocol pop3;
@ pop3_auth oauthbearer;
@ pop3_client_buffer 1k;
S: +OK POP3 ready
C: AUTH OAUTHBEARER bixhPWFsaWNlQGV4YW1wbGUuY29tLAFob3N0PW1haWwuZXhhbXBsZS50ZXN0AXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHQwazNuLWFsaWNlAQE=
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice@example.com
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! t0k3n-alice
