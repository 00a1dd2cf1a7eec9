# Pipelined commands (RFC 2920) in one packet are answered one by one, in
# order (nginx-mail.md §3 Pipelining, SMTP since 1.5.6).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C:raw EHLO client.example\r\nNOOP\r\nVRFY x\r\nHELO other.example\r\nRSET\r\n
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
S: 250 2.0.0 OK
S: 500 5.5.1 Invalid command
S: 250 mail.example.test
S: 250 2.0.0 OK
