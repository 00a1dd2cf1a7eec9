# With cram-md5 enabled the greeting carries the salt too (nginx-mail.md §3
# POP3 Greeting), the same one the CRAM-MD5 challenge will carry.
@ protocol pop3;
@ pop3_auth plain cram-md5;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
