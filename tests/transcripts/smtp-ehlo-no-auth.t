# smtp_auth none only and no capabilities: no AUTH method to advertise, so the
# server-name line is the last one and gets the space: "250 mail.example.test"
# (nginx-mail.md §3 SMTP "if no AUTH method is enabled, the last capability
# line gets the space").
@ protocol smtp;
@ smtp_auth none;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250 mail.example.test
