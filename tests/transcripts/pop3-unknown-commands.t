# Commands other than USER PASS APOP AUTH CAPA NOOP QUIT STLS, among them the
# TRANSACTION-state commands of RFC 1939 §5, are invalid before login: "-ERR
# invalid command", and the session goes on (nginx-mail.md §3 POP3 commands;
# Replies).
@ protocol pop3;
S: +OK POP3 ready
C: STAT
S: -ERR invalid command
C: RETR 1
S: -ERR invalid command
C: XOAUTH2
S: -ERR invalid command
C: US3R alice
S: -ERR invalid command
C: NOOP
S: +OK
