# pop3_auth plain apop cram-md5 external: the SASL line is "SASL PLAIN LOGIN
# CRAM-MD5 EXTERNAL"; APOP is not a SASL mechanism and is not listed there
# (nginx-mail.md §3 POP3 CAPA "`SASL PLAIN LOGIN [CRAM-MD5] [EXTERNAL]`").
# APOP and CRAM-MD5 put the salt in the greeting.
@ protocol pop3;
@ pop3_auth plain apop cram-md5 external;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN CRAM-MD5 EXTERNAL
S: .
