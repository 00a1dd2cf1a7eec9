/*
 * pop3_cmd.h - POP3 client commands before login (grammar/pop3.rl), as
 * nginx accepts them (ngx_mail_pop3_parse_command).
 *
 * RFC 1939 §3: keyword [SP arg [SP arg]] CRLF, keywords case-insensitive.
 * Known before login: USER PASS APOP AUTH CAPA NOOP QUIT STLS (RFC 1939,
 * 2449 CAPA, 2595 STLS, 5034 AUTH).  Any other keyword is INVALID.
 * nginx's rules, kept here:
 *   - USER and PASS take the rest of the line as one argument, spaces
 *     included (user names and passwords may hold spaces);
 *   - other commands split arguments at spaces (a run of them counts as
 *     one, nginx's sw_spaces_before_argument), at most PT_POP3_ARGS_MAX
 *     (APOP name digest; AUTH mech [initial-response]);
 *   - a line ends in CRLF or a bare LF; a NUL anywhere is INVALID.
 * On a bad line the parser still reads to its end so the caller can skip
 * it.  The line length is bounded by the caller's buffer (128 bytes by
 * default, pop3_client_buffer).
 */
#ifndef PT_PROTO_POP3_CMD_H
#define PT_PROTO_POP3_CMD_H

#include "proto/parse.h"

#define PT_POP3_ARGS_MAX 2

enum pt_pop3_cmd {
	PT_POP3_CMD_UNKNOWN = 0,
	PT_POP3_CMD_USER,
	PT_POP3_CMD_PASS,
	PT_POP3_CMD_APOP,
	PT_POP3_CMD_AUTH,
	PT_POP3_CMD_CAPA,
	PT_POP3_CMD_NOOP,
	PT_POP3_CMD_QUIT,
	PT_POP3_CMD_STLS
};

struct pt_pop3_parser {
	/* machine state */
	int cs;
	size_t off;                 /* bytes of buf read so far */
	size_t mark;                /* start of the argument being read */
	enum pt_parse_status result;   /* DONE or INVALID once the line end is read */
	/* results (a bad line keeps none: cmd UNKNOWN, nargs 0) */
	enum pt_pop3_cmd cmd;
	struct pt_span args[PT_POP3_ARGS_MAX];
	unsigned nargs;
};

void pt_pop3_cmd_init(struct pt_pop3_parser *p);
/* A SASL continuation line: everything up to the line end is args[0]. */
void pt_pop3_cmd_init_sasl_line(struct pt_pop3_parser *p);
enum pt_parse_status pt_pop3_cmd_parse(struct pt_pop3_parser *p, const uint8_t *buf, size_t len);

#endif
