# max_errors (default 5): the 5th invalid command still gets its
# "500 5.5.1 Invalid command", then the connection is closed (nginx-mail.md
# §1 max_errors, §3 Errors "the 5th bad SMTP command gets 500 5.5.1 Invalid
# command followed by EOF"; ALPACA mitigation, CVE-2021-3618).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: XYZZY
S: 500 5.5.1 Invalid command
C: GET / HTTP/1.1
S: 500 5.5.1 Invalid command
C: USER alice
S: 500 5.5.1 Invalid command
C: a1 LOGIN alice pw
S: 500 5.5.1 Invalid command
C: FOO
S: 500 5.5.1 Invalid command
CLOSED
