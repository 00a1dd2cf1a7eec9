# smtp_capabilities "SIZE 10485760" 8BITMIME: one "250-" line per capability
# (a quoted value keeps its space), after the server name and before the AUTH
# line (nginx-mail.md §1 smtp_capabilities, §3 SMTP Commands).
@ protocol smtp;
@ smtp_capabilities "SIZE 10485760" 8BITMIME;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250-SIZE 10485760
S: 250-8BITMIME
S: 250 AUTH PLAIN LOGIN
