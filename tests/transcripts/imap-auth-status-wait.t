# "Auth-Status: WAIT" is not an error: nginx asks the auth server again
# after Auth-Wait seconds, with the same credentials, and the client sees
# nothing meanwhile (nginx-mail.md §2 "`WAIT` means ask the auth server
# again after `Auth-Wait` seconds").  Checked up to Auth-Protocol; the
# attempt number of a WAIT retry is not specified by the ref.
S: * OK IMAP4 ready
C: a1 LOGIN alice st4tw41t-pw
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: st4tw41t-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
A< HTTP/1.0 200 OK
A< Auth-Status: WAIT
A< Auth-Wait: 2
A<
T: +2000
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: st4tw41t-pw
A> Auth-Protocol: imap
L! st4tw41t-pw
