# AUTH LOGIN: "334 VXNlcm5hbWU6" (Username:), "334 UGFzc3dvcmQ6" (Password:);
# SASL LOGIN is reported to the auth server as Auth-Method: plain
# (nginx-mail.md §2 Auth-Method, §3 SASL LOGIN).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH LOGIN
S: 334 VXNlcm5hbWU6
C: YWxpY2U=
S: 334 UGFzc3dvcmQ6
C: bDBnMW4tcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0g1n-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
L! l0g1n-pw
L! bDBnMW4tcHc=
