# STARTTLS when starttls is off (the default) is an invalid command:
# "500 5.5.1 Invalid command" (ngx_mail_smtp_starttls returns
# NGX_MAIL_PARSE_INVALID_COMMAND; nginx-mail.md §1 starttls default off).
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: STARTTLS
S: 500 5.5.1 Invalid command
C: NOOP
S: 250 2.0.0 OK
