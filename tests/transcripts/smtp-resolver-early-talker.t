# With a resolver and no smtp_greeting_delay, a client that talks before the
# greeting is not rejected: nginx blocks reading while resolving
# (ngx_mail_smtp_block_reading) and handles the buffered command once the
# greeting is out, like any pipelined command (nginx-mail.md §3 SMTP Greeting
# "sent only after the optional resolver check", Pipelining).  Only
# smtp_greeting_delay turns early talk into a 503.
@ protocol smtp;
@ resolver 127.0.0.1;
C: EHLO early.example
R: host.example
S: 220 mail.example.test ESMTP ready
S: 250-mail.example.test
S: 250 AUTH PLAIN LOGIN
