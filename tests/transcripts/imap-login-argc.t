# LOGIN takes exactly two arguments (ngx_mail_imap_login: nelts != 2 is
# invalid; nginx-mail.md §3 "LOGIN user pass", "wrong argument count").
S: * OK IMAP4 ready
C: a1 LOGIN
S: a1 BAD invalid command
C: a2 LOGIN alice
S: a2 BAD invalid command
C: a3 LOGIN alice argc-pw extra
S: a3 BAD invalid command
L! argc-pw
