# smtp_auth plain login cram-md5: the AUTH line lists CRAM-MD5 after PLAIN
# LOGIN (nginx-mail.md §3 SMTP "250 AUTH PLAIN LOGIN [CRAM-MD5] [EXTERNAL]").
@ protocol smtp;
@ smtp_auth plain login cram-md5;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN CRAM-MD5
