# postern rule, stricter than nginx (DESIGN §6 "Credentials decoded from SASL
# that contain CR, LF or NUL ... are rejected before they reach a backend or
# the auth request"; nginx would escape them, nginx-mail.md §2, §3 POP3
# PR #1620): a PLAIN login holding CR LF is an invalid command, 500, and no
# auth request is made.
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsDQppY2UAY3JsZi1jcjNkLXB3
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
L! crlf-cr3d-pw
