# smtp_greeting_delay 2s: the greeting is sent only once the delay has
# passed; then the session works normally (nginx-mail.md §1 smtp_greeting_delay,
# §3 SMTP "sent only after the optional resolver check and smtp_greeting_delay").
# smtp-greeting-delay-pipelining.t shows that nothing is sent before.
@ protocol smtp;
@ smtp_greeting_delay 2s;
T: +1999
T: +1
S: 220 mail.example.test ESMTP ready
C: NOOP
S: 250 2.0.0 OK
