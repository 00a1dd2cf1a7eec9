# CVE-2025-53859: with smtp_auth none, a failed AUTH PLAIN decode left
# login/password half-set and they went to the auth server with Auth-Method:
# none (memory disclosure).  After a rejected PLAIN response (one NUL only),
# the later none request must have empty Auth-User and Auth-Pass
# (nginx-mail.md §2 "empty for external/none", §4).
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlLXN0NGxlLXB3
S: 500 5.5.1 Invalid command
C: MAIL FROM:<sender@example.org> BODY=8BITMIME
S: 250 2.0.0 OK
C: RCPT TO:<rcpt@example.net>
A> Host: 127.0.0.1
A> Auth-Method: none
A> Auth-User:\x20
A> Auth-Pass:\x20
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A> Auth-SMTP-Helo:\x20
A> Auth-SMTP-From: MAIL FROM:<sender@example.org> BODY=8BITMIME
A> Auth-SMTP-To: RCPT TO:<rcpt@example.net>
L! st4le-pw
