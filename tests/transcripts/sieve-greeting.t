# BEYOND NGINX (postern extension, ManageSieve): the greeting is postern's
# capability list then OK (RFC 5804 §1.7): IMPLEMENTATION, SASL with the
# sieve_auth mechanisms (PLAIN by default), the SIEVE extensions (without
# sieve_capabilities a default list), VERSION "1.0".  CAPABILITY sends the
# same list (§2.4), NOOP is OK (§2.13), LOGOUT is OK and closes (§2.3).
@ protocol sieve;
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto reject envelope encoded-character vacation subaddress comparator-i;ascii-numeric relational regex imap4flags copy include variables body enotify environment mailbox date index ihave duplicate mime foreverypart extracttext"
S: "VERSION" "1.0"
S: OK "ManageSieve ready."
C: CAPABILITY
S: "IMPLEMENTATION" "postern"
S: "SASL" "PLAIN"
S: "SIEVE" "fileinto reject envelope encoded-character vacation subaddress comparator-i;ascii-numeric relational regex imap4flags copy include variables body enotify environment mailbox date index ihave duplicate mime foreverypart extracttext"
S: "VERSION" "1.0"
S: OK "Done."
C: noop
S: OK "Done."
C: LOGOUT
S: OK "Logout completed."
CLOSED
