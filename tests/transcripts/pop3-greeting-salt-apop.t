# With apop enabled the greeting carries the salt, the APOP timestamp of
# RFC 1939 §7: "+OK POP3 ready <random.time@server_name>" (nginx-mail.md §3
# POP3 "When apop or cram-md5 is enabled it becomes `+OK POP3 ready
# <salt>`"; §2 "The salt line is built as `<` random `.` unix-time `@`
# server_name `>`").
@ protocol pop3;
@ pop3_auth plain apop;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
