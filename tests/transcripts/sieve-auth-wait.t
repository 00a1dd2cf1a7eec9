# The auth server says no with Auth-Wait: after the wait the client gets
# NO with the server's text as a quoted string (its " and \ escaped,
# RFC 5804 §4) and may try again: Auth-Login-Attempt: 2.
@ protocol sieve;
@ sieve_capabilities '"SIEVE" "fileinto"';
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: AUTHENTICATE "PLAIN" "AGVyaW4Ad3IwbmctcHc="
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: erin
A> Auth-Pass: wr0ng-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid "login" or \\ password
A< Auth-Wait: 2
A<
T: +1999
T: +1
S: NO "Invalid \\\x22login\\\x22 or \\\\ password"
C: AUTHENTICATE "PLAIN" "AGVyaW4AcjFnaHQtcHc="
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: erin
A> Auth-Pass: r1ght-pw
A> Auth-Protocol: sieve
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: OK
A< Auth-Server: 127.0.0.2
A< Auth-Port: 4190
A<
B< OK
B> AUTHENTICATE "PLAIN" "AGVyaW4AcjFnaHQtcHc="
B< OK "Logged in."
S: OK "Logged in."
RELAY
L! wr0ng-pw
L! r1ght-pw
