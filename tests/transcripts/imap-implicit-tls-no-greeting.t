# listen ... ssl: no greeting before the TLS handshake; a handshake that
# does not finish within `timeout` closes the connection silently
# (nginx-mail.md §1 "timeout ... Also used for ... the TLS handshake"; §3
# Flow).  Any byte sent would be unmatched and fail this transcript.
@ listen 127.0.0.1:11993 ssl;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
T: +60000
CLOSED
