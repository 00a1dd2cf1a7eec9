# smtp_auth login: only LOGIN is advertised, but PLAIN is still accepted
# (nginx-mail.md §3 SASL "PLAIN and LOGIN are accepted even if they are not
# listed in *_auth; the list only drives what is advertised").
@ protocol smtp;
@ smtp_auth login;
S: 220 mail.example.test ESMTP ready
C: EHLO client.example
S: 250-mail.example.test
S: 250 AUTH LOGIN
C: AUTH PLAIN AGFsaWNlAHVubDFzdDNkLXB3
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: unl1st3d-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
L! unl1st3d-pw
