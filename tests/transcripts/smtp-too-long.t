# A command that does not fit in smtp_client_buffer: "client sent too long
# command", "500 5.5.1 Invalid command", then close (nginx-mail.md §3 Lines;
# DESIGN §6).  The password in the cut-off line must not be logged.
@ protocol smtp;
@ smtp_client_buffer 64;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHQwMC1sMG5nLXB3LXh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eA==
S: 500 5.5.1 Invalid command
CLOSED
L! t00-l0ng-pw
