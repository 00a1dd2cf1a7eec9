# The AUTH line has nginx's fixed order PLAIN LOGIN CRAM-MD5 whatever the
# order in smtp_auth (nginx builds it from the method bit mask;
# nginx-mail.md §3 SMTP "250 AUTH PLAIN LOGIN [CRAM-MD5] [EXTERNAL]").
@ protocol smtp;
@ smtp_auth cram-md5 login plain;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN CRAM-MD5
