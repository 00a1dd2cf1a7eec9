# HELO and EHLO need exactly one argument; without one the reply is
# "501 5.5.4 Invalid argument" and the session goes on (nginx-mail.md §3 SMTP;
# ngx_mail_smtp_helo; RFC 5321 §4.1.1.1 requires the domain).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: HELO
S: 501 5.5.4 Invalid argument
C: EHLO
S: 501 5.5.4 Invalid argument
C: NOOP
S: 250 2.0.0 OK
