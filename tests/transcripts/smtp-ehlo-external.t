# smtp_auth plain login cram-md5 external: EXTERNAL is advertised last
# (nginx-mail.md §1 smtp_auth "external since 1.11.6", §3 SMTP
# "250 AUTH PLAIN LOGIN [CRAM-MD5] [EXTERNAL]").
@ protocol smtp;
@ smtp_auth plain login cram-md5 external;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN CRAM-MD5 EXTERNAL
