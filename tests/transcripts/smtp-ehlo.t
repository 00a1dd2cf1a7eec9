# EHLO with the defaults (smtp_auth plain login, no smtp_capabilities,
# starttls off): "250-<server_name>" then "250 AUTH PLAIN LOGIN", the last line
# with a space (nginx-mail.md §3 SMTP Commands; RFC 5321 §4.1.1.1, §4.2.1;
# RFC 4954 §3).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
