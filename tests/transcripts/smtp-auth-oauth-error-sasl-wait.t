# SMTP, Auth-Error-SASL with Auth-Wait: the challenge after the wait; a
# response other than the dummy one is "500 5.5.1 Invalid command" and
# the client may go on.
@ protocol smtp;
@ smtp_auth plain oauthbearer;
S: 220 mail.example.test ESMTP ready
C: AUTH OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Wait: 1
A< Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==
A<
T: +1000
S: 334 eyJzdGF0dXMiOiI0MDEifQ==
C: Zm9v
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
L! b4d-t0k3n
