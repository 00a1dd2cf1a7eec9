# Command names are case-insensitive (nginx-mail.md §3 Lines; RFC 5321 §2.4).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: ehlo client.example
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
C: nOoP
S: 250 2.0.0 OK
C: auth login
S: 334 VXNlcm5hbWU6
