# The greeting is "220 <server_name> ESMTP ready", sent at once when there is
# no resolver and no smtp_greeting_delay (nginx-mail.md §3 SMTP "Greeting";
# ngx_mail_smtp_greeting; RFC 5321 §4.2 reply 220).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
