# pop3_capabilities replaces the default list; each value is one line, as
# given, a quoted value with a space included; the SASL line still follows
# (nginx-mail.md §1 pop3_capabilities; §3 POP3 CAPA).
@ protocol pop3;
@ pop3_capabilities PIPELINING "EXPIRE NEVER" UIDL RESP-CODES;
S: +OK POP3 ready
C: CAPA
S: +OK Capability list follows
S: PIPELINING
S: EXPIRE NEVER
S: UIDL
S: RESP-CODES
S: SASL PLAIN LOGIN
S: .
