# smtp_auth none with capabilities: no AUTH line, the last capability line
# ends the reply ("250 8BITMIME") (nginx-mail.md §3 SMTP Commands).
@ protocol smtp;
@ smtp_auth none;
@ smtp_capabilities "SIZE 10485760" 8BITMIME;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250-SIZE 10485760
S: 250 8BITMIME
