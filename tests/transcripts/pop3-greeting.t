# The greeting with the default pop3_auth (plain): "+OK POP3 ready" and no
# salt (nginx-mail.md §3 POP3 "Greeting: `+OK POP3 ready`").
@ protocol pop3;
S: +OK POP3 ready
