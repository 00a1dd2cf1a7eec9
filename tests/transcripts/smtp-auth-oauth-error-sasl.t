# SMTP: Auth-Error-SASL goes out as "334 <value>"; the dummy response gets
# the failure reply (Auth-Error-Code, else 535 5.7.0) and, without
# Auth-Wait, the connection closes.
@ protocol smtp;
@ smtp_auth plain xoauth2;
S: 220 mail.example.test ESMTP ready
C: AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: xoauth2
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Error-Code: 535 5.7.8
A< Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==
A<
S: 334 eyJzdGF0dXMiOiI0MDEifQ==
C: 
S: 535 5.7.8 Invalid token
CLOSED
L: client login failed: "Invalid token"
L! b4d-t0k3n
