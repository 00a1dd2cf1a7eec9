# A PLAIN response without the NUL separators is invalid: "500 5.5.1 Invalid
# command", no auth request (nginx-mail.md §3 SASL PLAIN "a missing NUL is
# invalid"; RFC 4616 §2).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN YWxpY2VOT1BBU1M=
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
