# VRFY, EXPN, HELP, DATA and an unknown command all get
# "500 5.5.1 Invalid command" before login (nginx-mail.md §3 SMTP).
# max_errors is raised so that error counting plays no part here.
@ protocol smtp;
@ max_errors 10;
S: 220 mail.example.test ESMTP ready
C: VRFY alice
S: 500 5.5.1 Invalid command
C: EXPN staff
S: 500 5.5.1 Invalid command
C: HELP
S: 500 5.5.1 Invalid command
C: DATA
S: 500 5.5.1 Invalid command
C: XYZZY
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
