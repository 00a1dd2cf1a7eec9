# STARTTLS when `starttls` is off (the default) is an invalid command
# (ngx_mail_imap_starttls returns NGX_MAIL_PARSE_INVALID_COMMAND;
# nginx-mail.md §1 ssl "starttls ... (off)").
S: * OK IMAP4 ready
C: a1 STARTTLS
S: a1 BAD invalid command
C: a2 NOOP
S: a2 OK completed
