# AUTHENTICATE LOGIN: challenges "+ VXNlcm5hbWU6" and "+ UGFzc3dvcmQ6";
# SASL LOGIN is reported as Auth-Method: plain (nginx-mail.md §2, §3 SASL).
S: * OK IMAP4 ready
C: a1 AUTHENTICATE LOGIN
S: + VXNlcm5hbWU6
C: YWxpY2U=
S: + UGFzc3dvcmQ6
C: cDRzcy1sMGcxbg==
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: p4ss-l0g1n
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! p4ss-l0g1n
L! cDRzcy1sMGcxbg==
