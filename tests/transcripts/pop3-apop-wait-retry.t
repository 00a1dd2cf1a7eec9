# APOP fails with Auth-Wait, then APOP again: the second request is a whole
# apop request again (digest, the session's salt, attempt 2), and the auth
# server's Auth-Pass reaches the backend (nginx-mail.md §2 Auth-Wait; §4
# CVE-2026-27651: with APOP and Auth-Wait retries nginx cleared only the
# password pointer and crashed on the next attempt).
@ protocol pop3;
@ pop3_auth plain apop;
S: +OK POP3 ready <4242.1700000000@mail.example.test>
C: APOP alice 850d2f07da24c94582494eeb8c6d2a99
A> Host: 127.0.0.1
A> Auth-Method: apop
A> Auth-User: alice
A> Auth-Pass: 850d2f07da24c94582494eeb8c6d2a99
A> Auth-Salt: <4242.1700000000@mail.example.test>
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid login or password
A< Auth-Wait: 1
A<
T: +1000
S: -ERR Invalid login or password
C: APOP alice 850d2f07da24c94582494eeb8c6d2a99
A> Host: 127.0.0.1
A> Auth-Method: apop
A> Auth-User: alice
A> Auth-Pass: 850d2f07da24c94582494eeb8c6d2a99
A> Auth-Salt: <4242.1700000000@mail.example.test>
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 10110
A< Auth-Pass: ap0p-r3try
A<
B< +OK Dovecot ready.
B> USER alice
B< +OK
B> PASS ap0p-r3try
B< +OK Logged in.
S: +OK Logged in.
RELAY
L! ap0p-r3try
L! 850d2f07da24c94582494eeb8c6d2a99
