# CVE-2014-3556: bytes pipelined after STARTTLS in the same packet are
# plaintext a MITM could have injected; they are discarded, never run inside
# TLS (nginx-mail.md §3 Pipelining, §4; DESIGN §6; RFC 3207 §4.2).  The
# injected AUTH must produce no auth request and no reply.
@ protocol smtp;
@ starttls on;
@ ssl_certificate cert.pem;
@ ssl_certificate_key key.pem;
S: 220 mail.example.test ESMTP ready
C:raw STARTTLS\r\nAUTH PLAIN AG1hbGxvcnkAMW5qM2N0LXB3\r\n
S: 220 2.0.0 Start TLS
TLS
C: NOOP
S: 250 2.0.0 OK
L! 1nj3ct-pw
