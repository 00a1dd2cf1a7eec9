/*
 * passwd.h - one line of an auth_file (grammar/passwd.rl), postern's
 * built-in authentication.  The format is passwd-like, one user per line:
 *
 *   # a comment, or an empty line
 *   alice:$y$j9T$...:imap=127.0.0.1:143 pop3=127.0.0.1:110 smtp=[::1]:25
 *   bob:{PLAIN}secret:imap=10.0.0.2:143
 *
 *   user     1..PT_PASSWD_USER_MAX bytes, any but ':' CR LF NUL, not
 *            starting with '#' (a comment) or a space or tab
 *   secret   0..PT_PASSWD_SECRET_MAX bytes, any but ':' CR LF NUL: a crypt(3)
 *            hash, "{PLAIN}" and the password (CRAM-MD5 and APOP need it),
 *            or empty (no password logs in; see auth_file in the README)
 *   backends one to three "proto=address:port", proto imap, pop3 or smtp,
 *            each at most once, separated by spaces or tabs; an IPv6
 *            address in brackets.  The address is only shaped here
 *            ([0-9.] or [0-9A-Fa-f:.]); the caller checks it with
 *            inet_pton.  port 1..65535.
 *
 * Blank lines and comments: up to PT_PASSWD_BLANK_MAX blanks, then
 * optionally '#' and any bytes but LF (NUL and a bare CR included: the line
 * is skipped).  Up to PT_PASSWD_BLANK_MAX blanks may also stand before the
 * first backend, between two and after the last.  An IPv4 address is at
 * most 15 bytes; a port may have leading zeros ("00143" is 143).
 *
 * A line ends in LF or CRLF.  DONE gives the kind (an entry or a line to
 * skip) and spans into the caller's buffer; INVALID is a bad line read to
 * its LF, as parse.h says.
 */
#ifndef PT_PROTO_PASSWD_H
#define PT_PROTO_PASSWD_H

#include "proto/parse.h"

#define PT_PASSWD_USER_MAX   255
#define PT_PASSWD_SECRET_MAX 256
#define PT_PASSWD_ADDR_MAX   45     /* INET6_ADDRSTRLEN - 1 */
#define PT_PASSWD_BLANK_MAX  16     /* spaces between and after backends */

enum pt_passwd_kind {
	PT_PASSWD_SKIP = 1,     /* an empty line or a comment */
	PT_PASSWD_ENTRY
};

enum pt_passwd_proto {
	PT_PASSWD_IMAP = 0,
	PT_PASSWD_POP3,
	PT_PASSWD_SMTP,
	PT_PASSWD_SIEVE,
	PT_PASSWD_NPROTO
};

struct pt_passwd_backend {
	int set;
	int v6;
	struct pt_span addr;
	uint32_t port;
};

struct pt_passwd_parser {
	int cs;
	size_t off;
	size_t mark;
	enum pt_passwd_kind kind;
	struct pt_span user;
	struct pt_span secret;
	int proto;                  /* the backend being read */
	int dup;                    /* a proto named twice: INVALID at the end */
	uint32_t port;
	struct pt_passwd_backend backend[PT_PASSWD_NPROTO];
	enum pt_parse_status status;
};

void pt_passwd_init(struct pt_passwd_parser *p);
enum pt_parse_status pt_passwd_parse(struct pt_passwd_parser *p, const uint8_t *buf, size_t len);

#endif
