/*
 * smtp_cmd.h - SMTP client commands before login (grammar/smtp.rl), as
 * nginx accepts them (ngx_mail_smtp_parse_command).
 *
 * RFC 5321 §4.1.1: verb [SP parameters] CRLF, verbs case-insensitive.
 * Known: HELO EHLO AUTH STARTTLS MAIL RCPT RSET NOOP QUIT (RFC 5321,
 * 3207, 4954).  Any other word of letters (VRFY, EXPN, HELP, DATA, ...)
 * is DONE with PT_SMTP_CMD_UNKNOWN: the caller answers "500 5.5.1 Invalid
 * command".  A line that is not verb [SP args] (no verb, digits or
 * punctuation in the verb, NUL) is INVALID.
 * Arguments are split at runs of spaces, at most PT_SMTP_ARGS_MAX (more
 * is INVALID); `line` spans the whole command without its line end (MAIL
 * and RCPT lines are kept whole for Auth-SMTP-From/To and the replay to
 * the backend).  A line ends in CRLF or a bare LF.
 */
#ifndef PT_PROTO_SMTP_CMD_H
#define PT_PROTO_SMTP_CMD_H

#include "proto/parse.h"

#define PT_SMTP_ARGS_MAX 10     /* nginx: NGX_MAIL_SMTP's argument array */

enum pt_smtp_cmd {
	PT_SMTP_CMD_UNKNOWN = 0,
	PT_SMTP_CMD_HELO,
	PT_SMTP_CMD_EHLO,
	PT_SMTP_CMD_AUTH,
	PT_SMTP_CMD_STARTTLS,
	PT_SMTP_CMD_MAIL,
	PT_SMTP_CMD_RCPT,
	PT_SMTP_CMD_RSET,
	PT_SMTP_CMD_NOOP,
	PT_SMTP_CMD_QUIT
};

struct pt_smtp_parser {
	int cs;
	size_t off;                 /* bytes of buf read so far */
	size_t mark;                /* start of the argument being read */
	enum pt_parse_status result;   /* DONE or INVALID once the line end is read */
	enum pt_smtp_cmd cmd;
	struct pt_span verb;        /* the verb as sent (DONE only; UNKNOWN's too) */
	struct pt_span line;        /* DONE and INVALID: the line without its line end */
	struct pt_span args[PT_SMTP_ARGS_MAX];
	unsigned nargs;             /* 0 on INVALID */
};

void pt_smtp_cmd_init(struct pt_smtp_parser *p);
/* A SASL continuation line: everything up to the line end is args[0]. */
void pt_smtp_cmd_init_sasl_line(struct pt_smtp_parser *p);
enum pt_parse_status pt_smtp_cmd_parse(struct pt_smtp_parser *p, const uint8_t *buf, size_t len);

#endif
