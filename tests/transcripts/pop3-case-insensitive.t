# Command names are case-insensitive (nginx-mail.md §3 Lines "Command names
# are case-insensitive"; RFC 1939 §3 "Keywords are case-insensitive").
@ protocol pop3;
S: +OK POP3 ready
C: noop
S: +OK
C: CaPa
S: +OK Capability list follows
S: TOP
S: USER
S: UIDL
S: SASL PLAIN LOGIN
S: .
C: user alice
S: +OK
C: pAsS c4se-p0p
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: c4se-p0p
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! c4se-p0p
