# AUTH with no argument lists the mechanisms: "+OK methods supported:", one
# mechanism a line, then "." (nginx-mail.md §3 POP3 "`AUTH` with no argument
# -> `+OK methods supported:`, one mechanism per line, then `.`").  Default
# pop3_auth plain: PLAIN and LOGIN.
@ protocol pop3;
S: +OK POP3 ready
C: AUTH
S: +OK methods supported:
S: PLAIN
S: LOGIN
S: .
C: NOOP
S: +OK
