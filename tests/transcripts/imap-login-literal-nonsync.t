# LOGIN with non-synchronizing literals {n+} (LITERAL+, RFC 7888): no "+ OK"
# continuation is sent (nginx-mail.md §3 IMAP Arguments).
S: * OK IMAP4 ready
C:raw a1 LOGIN {5+}\r\nalice {8+}\r\nnsync-pw\r\n
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: nsync-pw
A> Auth-Protocol: imap
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
L! nsync-pw
