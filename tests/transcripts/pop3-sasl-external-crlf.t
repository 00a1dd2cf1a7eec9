# AUTH EXTERNAL whose identity decodes to "alice\r\nDELE 1": refused,
# since the identity becomes the backend's USER argument (PR
# nginx/nginx#1620 names AUTH EXTERNAL; DESIGN §6).
@ protocol pop3;
@ pop3_auth plain external;
S: +OK POP3 ready
C: AUTH EXTERNAL YWxpY2UNCkRFTEUgMQ==
S: -ERR invalid command
C: NOOP
S: +OK
L! DELE 1
