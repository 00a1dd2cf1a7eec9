# Auth-Error-Code together with Auth-Wait: "451 4.3.0 Temp fail" after the
# wait, and the session stays open for another command (nginx-mail.md §2
# Auth-Error-Code, Auth-Wait).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGJvYgB3NDF0LWMwZGUtcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: w41t-c0de-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: Temp fail
A< Auth-Error-Code: 451 4.3.0
A< Auth-Wait: 1
A<
T: +1000
S: 451 4.3.0 Temp fail
C: NOOP
S: 250 2.0.0 OK
L! w41t-c0de-pw
