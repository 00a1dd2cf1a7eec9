# AUTH with no argument and every method enabled: PLAIN, LOGIN, CRAM-MD5,
# EXTERNAL; APOP is no SASL mechanism and is not listed (nginx-mail.md §3
# POP3 AUTH; same list as CAPA's SASL line).
@ protocol pop3;
@ pop3_auth plain apop cram-md5 external;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: AUTH
S: +OK methods supported:
S: PLAIN
S: LOGIN
S: CRAM-MD5
S: EXTERNAL
S: .
