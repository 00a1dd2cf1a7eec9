/*
 * imap_cmd.h - IMAP client commands before login (grammar/imap.rl), as
 * nginx accepts them (ngx_mail_imap_parse_command).
 *
 * RFC 9051 §2.2.1 / §9: command = tag SP command-name [SP args] CRLF.
 * nginx's rules, kept here:
 *   - tag: 1..PT_IMAP_TAG_MAX bytes of [A-Za-z0-9-._];
 *   - the command name is case-insensitive; known: CAPABILITY NOOP LOGOUT
 *     STARTTLS LOGIN AUTHENTICATE, and ID (RFC 2971, a postern extension:
 *     nginx answers it BAD); any other name is INVALID (with the tag);
 *   - ID takes NIL or a parenthesized list of "field" SP ("value" / NIL)
 *     pairs, quoted strings only, within RFC 2971 §3.3's bounds; the pairs
 *     are id_pairs[] (args stay empty);
 *   - arguments: atoms, "quoted" strings with \" and \\ escapes, literals
 *     {n} (synchronizing: PT_PARSE_LITERAL, the caller answers "+ OK" and
 *     feeds on) and {n+} (RFC 7888 LITERAL+, no continuation); a literal
 *     is followed by SP or the line end (nginx 1.29.6);
 *   - at most PT_IMAP_ARGS_MAX arguments;
 *   - a line ends in CRLF or a bare LF.
 * On a bad line the parser still reads to its end, so the caller can skip
 * it: INVALID then tells whether the tag was good (reply "<tag> BAD ...",
 * else "* BAD ...") and whether the line ended in a {n+} literal (the
 * caller must close: the literal's bytes would otherwise run as commands).
 * A literal longer than the room the caller says it has (p->max_literal)
 * is INVALID at once, before any of its bytes.
 */
#ifndef PT_PROTO_IMAP_CMD_H
#define PT_PROTO_IMAP_CMD_H

#include "proto/parse.h"

#define PT_IMAP_TAG_MAX  32     /* nginx: a longer tag is invalid */
#define PT_IMAP_ARGS_MAX 3      /* nginx: a fourth argument is invalid */

enum pt_imap_cmd {
	PT_IMAP_CMD_UNKNOWN = 0,
	PT_IMAP_CMD_CAPABILITY,
	PT_IMAP_CMD_NOOP,
	PT_IMAP_CMD_LOGOUT,
	PT_IMAP_CMD_STARTTLS,
	PT_IMAP_CMD_LOGIN,
	PT_IMAP_CMD_AUTHENTICATE,
	PT_IMAP_CMD_ID
};

/* RFC 2971 §3.3: at most 30 pairs, fields of at most 30 octets, values of
 * at most 1024; more is a bad line. */
#define PT_IMAP_ID_PAIRS_MAX 30
#define PT_IMAP_ID_FIELD_MAX 30
#define PT_IMAP_ID_VALUE_MAX 1024

/* One ID pair: spans of the quoted contents, escapes (\" and \\) still in
 * place; a NIL value has value_nil set and an empty span. */
struct pt_imap_id_pair {
	struct pt_span field, value;
	int value_nil;
};

enum pt_imap_arg_kind {
	PT_IMAP_ARG_ATOM = 0,
	PT_IMAP_ARG_QUOTED,     /* span excludes the quotes; escapes still in place */
	PT_IMAP_ARG_LITERAL     /* span is the n raw bytes */
};

struct pt_imap_arg {
	struct pt_span span;
	enum pt_imap_arg_kind kind;
};

struct pt_imap_parser {
	/* machine state */
	int cs;
	size_t off;                 /* bytes of buf read so far */
	uint64_t literal_len;       /* announced length of the current literal */
	uint64_t literal_left;      /* its bytes still to come */
	size_t max_literal;         /* set by the caller before parsing: room left */
	size_t mark;                /* start of the token being read */
	int lit_plus;               /* the literal being read is {n+} */
	int lit_over;               /* its length overflowed number64 */
	int lit_bad;                /* its length is refused (checked at '}') */
	int in_literal;             /* taking its bytes, counted, not parsed */
	enum pt_parse_status result;   /* DONE or INVALID once the line end is read */
	/* results */
	struct pt_span tag;
	int tag_ok;                 /* the tag was complete and valid */
	enum pt_imap_cmd cmd;
	struct pt_imap_arg args[PT_IMAP_ARGS_MAX];
	unsigned nargs;
	int ends_in_nonsync_literal;   /* INVALID line whose end was {n+} */
	/* ID */
	unsigned id_len;            /* octets of the field or value being read */
	struct pt_imap_id_pair id_pairs[PT_IMAP_ID_PAIRS_MAX];
	unsigned id_npairs;
	int id_nil;                 /* "ID NIL" */
};

/* Start a new command line; max_literal is the room the caller can give
 * one command (its buffer size). */
void pt_imap_cmd_init(struct pt_imap_parser *p, size_t max_literal);
enum pt_parse_status pt_imap_cmd_parse(struct pt_imap_parser *p, const uint8_t *buf, size_t len);

/* A SASL continuation line (after AUTHENTICATE's "+ ..."): everything up to
 * the line end is one argument, args[0]; nothing else is checked here. */
void pt_imap_cmd_init_sasl_line(struct pt_imap_parser *p);

/* Copy an argument into dst, undoing \" and \\ of quoted strings.
 * Returns the length, or -1 if it does not fit in cap. */
long pt_imap_arg_copy(const struct pt_imap_parser *p, const uint8_t *buf, unsigned i,
                      uint8_t *dst, size_t cap);

#endif
