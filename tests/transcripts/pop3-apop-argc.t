# APOP takes exactly two arguments, name and digest: one or three is an
# invalid command (nginx-mail.md §3 Errors "wrong argument count";
# ngx_mail_pop3_apop "s->args.nelts != 2").
@ protocol pop3;
@ pop3_auth plain apop;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: APOP alice
S: -ERR invalid command
C: APOP alice 850d2f07da24c94582494eeb8c6d2a99 extra
S: -ERR invalid command
C: APOP
S: -ERR invalid command
C: NOOP
S: +OK
