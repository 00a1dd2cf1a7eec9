# proxy_smtp_auth on, xclient off, client HELO: "HELO <server_name>", then
# AUTH PLAIN at once.  A HELO reply lists no extensions; nginx supports only
# PLAIN and sends it regardless (nginx-mail.md §3 SMTP step 4 "Only PLAIN is
# supported", nginx/nginx#601).
@ protocol smtp;
@ proxy_smtp_auth on;
@ xclient off;
S: 220 mail.example.test ESMTP ready
C: HELO client.example
S: 250 mail.example.test
C: AUTH PLAIN AGFsaWNlAHByMHh5LWgzbDA=
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pr0xy-h3l0
A> Auth-Protocol: smtp
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A> Client-Host: [UNAVAILABLE]
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10025
A<
B< 220 backend.example ESMTP
B> HELO mail.example.test
B< 250 backend.example
B> AUTH PLAIN AGFsaWNlAHByMHh5LWgzbDA=
B< 235 2.7.0 Authentication successful
S: 235 2.0.0 OK
RELAY
L! pr0xy-h3l0
