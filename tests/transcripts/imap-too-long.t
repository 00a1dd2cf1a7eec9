# A command that does not fit in imap_client_buffer: nginx logs "client
# sent too long command", sends the invalid-command reply and closes
# (nginx-mail.md §3 Lines; DESIGN §6).  The tag was read, so it is used.
# The password in the cut-off line must not reach any log (DESIGN §6).
@ imap_client_buffer 64;
S: * OK IMAP4 ready
C: a1 LOGIN alice t00-l0ng-pw-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
S: a1 BAD invalid command
CLOSED
L! t00-l0ng-pw
