# At most 3 arguments (nginx-mail.md §3 IMAP "At most 3 arguments"): a
# fourth makes the line invalid; the tag was valid, so the reply is tagged.
S: * OK IMAP4 ready
C: a1 LOGIN alice f0ur-pw c d
S: a1 BAD invalid command
C: a2 NOOP
S: a2 OK completed
L! f0ur-pw
