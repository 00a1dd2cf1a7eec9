# CAPA with the defaults: "+OK Capability list follows", the
# pop3_capabilities "TOP USER UIDL" one a line, "SASL PLAIN LOGIN" (plain
# implies LOGIN), then "." (nginx-mail.md §1 pop3_capabilities, pop3_auth;
# §3 POP3 CAPA; RFC 2449 §5).
@ protocol pop3;
S: +OK POP3 ready
C: CAPA
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN
S: .
