# A line may end with a bare LF as well as CRLF (nginx-mail.md §3 Lines).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C:raw NOOP\n
S: 250 2.0.0 OK
C:raw HELO client.example\n
S: 250 mail.example.test
