# A literal may carry CR LF; such credentials are refused before auth_http.
S: * OK IMAP4 ready
C: a1 LOGIN {7}
S: + OK
C:raw al\r\nice {3}\r\n
S: + OK
C: pw1
S: a1 BAD invalid command
