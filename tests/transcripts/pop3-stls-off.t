# STLS with starttls off (the default) is an invalid command
# (ngx_mail_pop3_stls returns NGX_MAIL_PARSE_INVALID_COMMAND when starttls
# is off; nginx-mail.md §1 starttls default off).
@ protocol pop3;
S: +OK POP3 ready
C: STLS
S: -ERR invalid command
C: NOOP
S: +OK
