# pop3_client_buffer (a postern extension; nginx's POP3 buffer is a fixed
# 128 bytes) lets a longer command through: here a 150-byte PASS.
@ protocol pop3;
@ pop3_client_buffer 256;
S: +OK POP3 ready
C: USER alice
S: +OK
C: PASS pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp
A> Host: 127.0.0.1
A> Auth-Method: plain
A> Auth-User: alice
A> Auth-Pass: pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp
A> Auth-Protocol: pop3
A> Auth-Login-Attempt: 1
A> Client-IP: 192.0.2.1
