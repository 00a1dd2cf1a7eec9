# "Auth-Status: WAIT" asks again (nginx-mail.md §2), at once without
# Auth-Wait; nginx never stops.  postern takes PT_AUTH_WAIT_MAX (10) WAIT
# answers to one login, and the eleventh is an internal error: a broken
# service cannot hold the session, or itself, in that loop.
S: * OK IMAP4 ready
C: a1 LOGIN alice w4itl00p-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: w4itl00p-pw
A> Auth-Protocol: imap
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A<
S: * BAD internal server error
CLOSED
L: sent "Auth-Status: WAIT" too many times
L! w4itl00p-pw
