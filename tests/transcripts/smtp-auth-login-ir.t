# AUTH LOGIN with an initial response: it is the user name (the Microsoft
# variant), so the next challenge is "334 UGFzc3dvcmQ6" (nginx-mail.md §3 SASL
# LOGIN "An initial response is taken as the username").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH LOGIN YWxpY2U=
S: 334 UGFzc3dvcmQ6
C: bDBnMW4tMXItcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: l0g1n-1r-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
L! l0g1n-1r-pw
L! bDBnMW4tMXItcHc=
