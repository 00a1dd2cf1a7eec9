# Before login only AUTHENTICATE, CAPABILITY, LOGOUT, NOOP and STARTTLS
# are known (RFC 5804 §2); anything else, a bad argument count, an atom
# where a string belongs, or a mechanism not offered gets NO.  Command
# names are case-insensitive (§1.2).
@ max_errors 20;
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: LISTSCRIPTS
S: NO "invalid command"
C: HAVESPACE "s" 100
S: NO "invalid command"
C: UNAUTHENTICATE
S: NO "invalid command"
C: CAPABILITY "x"
S: NO "invalid command"
C: LOGOUT "x"
S: NO "invalid command"
C: STARTTLS
S: NO "invalid command"
C: AUTHENTICATE
S: NO "invalid command"
C: AUTHENTICATE PLAIN
S: NO "invalid command"
C: AUTHENTICATE "CRAM-MD5"
S: NO "invalid command"
C: AUTHENTICATE "PLAIN" "AGFsaWNlAHMxZXZlLXB3" "x"
S: NO "invalid command"
C: AUTHENTICATE "PLAIN" "not base64"
S: NO "invalid command"
C: AUTHENTICATE "PLAIN"  "AGFsaWNlAHMxZXZlLXB3"
S: NO "invalid command"
C: NOOP "unclosed
S: NO "invalid command"
C: NOOP "bad \\x escape"
S: NO "invalid command"
C:raw NOOP\n
S: OK "Done."
C:raw nOoP "lf-only"\n
S: OK (TAG "lf-only") "Done."
C:raw NOOP "x"\r\r\n
S: NO "invalid command"
C:raw NOOP "a\x00b"\r\n
S: NO "invalid command"
A: none
