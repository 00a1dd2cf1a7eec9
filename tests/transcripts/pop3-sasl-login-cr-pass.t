# AUTH LOGIN whose password decodes to "l0g1n-cr\rRSET" (a bare CR): refused,
# no auth request (PR nginx/nginx#1620 rejects CR and LF; DESIGN §6).
@ protocol pop3;
S: +OK POP3 ready
C: AUTH LOGIN
S: + VXNlcm5hbWU6
C: YWxpY2U=
S: + UGFzc3dvcmQ6
C: bDBnMW4tY3INUlNFVA==
S: -ERR invalid command
C: NOOP
S: +OK
L! l0g1n-cr
L! bDBnMW4tY3INUlNFVA==
