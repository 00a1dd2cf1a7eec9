# MAIL before authentication, when smtp_auth has no "none":
# "530 5.7.1 Authentication required" (nginx-mail.md §3 SMTP; RFC 4954 §6
# 530 5.7.0 family).  The session goes on.
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: MAIL FROM:<alice@example.org>
S: 530 5.7.1 Authentication required
C: NOOP
S: 250 2.0.0 OK
