# CVE-2014-3556: bytes pipelined after STLS are discarded, never run inside
# the TLS session (nginx-mail.md §3 Pipelining "STARTTLS/STLS **discard** all
# buffered bytes"; DESIGN §6).  The injected USER never ran, so PASS after
# the handshake is an invalid command and no auth request is made.
@ protocol pop3;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: +OK POP3 ready
C:raw STLS\r\nUSER mallory\r\nPASS 3v1l-pw\r\n
S: +OK
TLS
C: PASS 3v1l-pw
S: -ERR invalid command
C: NOOP
S: +OK
L! 3v1l-pw
