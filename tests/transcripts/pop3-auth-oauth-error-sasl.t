# POP3: Auth-Error-SASL goes out as "+ <value>"; the dummy response "AQ=="
# gets "-ERR <text>"; with Auth-Wait the client may go on, and a second
# error challenge answered with anything else is an invalid command.
@ protocol pop3;
@ pop3_auth plain oauthbearer;
S: +OK POP3 ready
C: AUTH OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Wait: 1
A< Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==
A<
T: +1000
S: + eyJzdGF0dXMiOiI0MDEifQ==
C: AQ==
S: -ERR Invalid token
C: AUTH OAUTHBEARER bixhPWFsaWNlLAFhdXRoPUJlYXJlciBiNGQtdDBrM24BAQ==
A> Host: 127.0.0.1
A> Auth-Method: oauthbearer
A> Auth-User: alice
A> Auth-Pass: b4d-t0k3n
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 2
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: Invalid token
A< Auth-Wait: 1
A< Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==
A<
T: +1000
S: + eyJzdGF0dXMiOiI0MDEifQ==
C: Zm9v
S: -ERR invalid command
C: QUIT
S: +OK
CLOSED
L! b4d-t0k3n
