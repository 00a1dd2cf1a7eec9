# HELO with one argument -> "250 <server_name>" (nginx-mail.md §3 SMTP
# Commands; ngx_mail_smtp_helo; RFC 5321 §4.1.1.1).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: HELO client.example
S: 250 mail.example.test
