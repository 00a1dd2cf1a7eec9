# HELO/EHLO with two arguments -> "501 5.5.4 Invalid argument"
# (nginx-mail.md §3 SMTP "HELO/EHLO need exactly one argument").
@ protocol smtp;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example extra
S: 501 5.5.4 Invalid argument
C: HELO client.example extra
S: 501 5.5.4 Invalid argument
