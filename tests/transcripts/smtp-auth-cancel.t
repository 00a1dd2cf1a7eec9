# "*" cancels an exchange in RFC 4954 §4 (501 expected), but nginx has no
# special case: "*" fails base64 decoding and gets "500 5.5.1 Invalid command"
# (nginx-mail.md §3 SASL "The * cancel is not special").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH LOGIN
S: 334 VXNlcm5hbWU6
C: *
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
