# A command of exactly imap_client_buffer bytes (64, CRLF included) still
# fits: only a buffer that fills without a complete line is "too long"
# (nginx-mail.md §3 Lines: "If the buffer fills without a complete command").
@ imap_client_buffer 64;
S: * OK IMAP4 ready
C: a1 LOGIN alice ex4ct-pw-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: ex4ct-pw-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! ex4ct-pw
