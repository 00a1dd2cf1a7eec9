# max_errors defaults to 5 (nginx-mail.md §1 core table, §3 Errors): four
# invalid commands are answered and the session goes on; a valid command
# does not reset the count; the 5th invalid one gets its reply, then close.
S: * OK IMAP4 ready
C: a1 FOO
S: a1 BAD invalid command
C: a2 FOO
S: a2 BAD invalid command
C: a3 FOO
S: a3 BAD invalid command
C: a4 FOO
S: a4 BAD invalid command
C: a5 NOOP
S: a5 OK completed
C: a6 FOO
S: a6 BAD invalid command
CLOSED
