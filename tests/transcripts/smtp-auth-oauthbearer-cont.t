# SMTP AUTH OAUTHBEARER without an initial response: "334 " (an empty
# challenge), then the response line.
@ protocol smtp;
@ smtp_auth oauthbearer;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH OAUTHBEARER
C: AUTH OAUTHBEARER
S:raw 334 \r\n
C: bixhPWFsaWNlQGV4YW1wbGUuY29tLAFob3N0PW1haWwuZXhhbXBsZS50ZXN0AXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHQwazNuLWFsaWNlAQE=
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice@example.com
A> Auth-Pass: t0k3n-alice
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
L! t0k3n-alice
