# When the client's address has no name (or its name does not resolve back
# to it) the shell answers "[UNAVAILABLE]"; it goes on as Client-Host
# (nginx-mail.md §3 Resolver; ngx_mail_smtp_resolve_addr_handler).
@ protocol smtp;
@ resolver 127.0.0.1;
R: [UNAVAILABLE]
S: 220 mail.example.test ESMTP ready
C: AUTH PLAIN AGFsaWNlAHVuNHYtcHc=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: un4v-pw
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
L! un4v-pw
