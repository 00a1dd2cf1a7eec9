# Auth-Error-Code replaces the default "535 5.7.0" (SMTP only): "Temp fail"
# with Auth-Error-Code "451 4.3.0" gives "451 4.3.0 Temp fail", then close
# (nginx-mail.md §2 "live check: 451 4.3.0 Temp fail").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGJvYgB0M21wLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: bob
A> Auth-Pass: t3mp-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: Temp fail
A< Auth-Error-Code: 451 4.3.0
A<
S: 451 4.3.0 Temp fail
CLOSED
L! t3mp-pw
