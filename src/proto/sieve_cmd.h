/*
 * sieve_cmd.h - ManageSieve client commands before login (grammar/sieve.rl).
 *
 * RFC 5804 §4: command = command-name *(SP string) CRLF, command names
 * case-insensitive (§1.2), every argument a string: "quoted" with \" and
 * \\ escapes, or a literal {n+} (literal-c2s) or {n}.  Known before login
 * (§2): AUTHENTICATE CAPABILITY LOGOUT NOOP STARTTLS; any other name is
 * INVALID (the core answers NO).  The rules kept here:
 *   - at most PT_SIEVE_ARGS_MAX arguments (AUTHENTICATE mech [response];
 *     NOOP [tag]); how many a command takes is the core's check;
 *   - a literal's bytes follow its line end at once, whichever form: there
 *     is no continuation in ManageSieve (RFC 5804 §4 names only {n+} for
 *     the client; {n} is taken too, as Dovecot takes it), and a literal is
 *     followed by SP or the line end;
 *   - a literal longer than p->max_literal (the room the caller has) is
 *     INVALID at its '}', before any of its bytes;
 *   - a line ends in CRLF or a bare LF (as nginx takes lines elsewhere).
 * On a bad line the parser still reads to its end, so the caller can skip
 * it; INVALID then says whether the line ended in a literal header: its
 * bytes would follow unasked and must never run as commands, so the
 * caller closes (DESIGN §6).
 * A SASL continuation (RFC 5804 §2.1: *(CRLF string)) is one string on a
 * line of its own: pt_sieve_cmd_init_sasl_line().
 * Quoted spans keep their escapes: a base64 text never holds \ or ", so
 * an escape only ever makes it invalid, never something else.
 */
#ifndef PT_PROTO_SIEVE_CMD_H
#define PT_PROTO_SIEVE_CMD_H

#include "proto/parse.h"

#define PT_SIEVE_ARGS_MAX 2     /* AUTHENTICATE "mech" "initial-response" */
/* NOOP's tag comes back in the reply (RFC 5804 §2.13); RFC 5804 sets no
 * bound, clients send short words ("STARTTLS-SYNC-42"), and this keeps
 * the reply inside the core's reply buffer whatever the config. */
#define PT_SIEVE_TAG_MAX 256

enum pt_sieve_cmd {
	PT_SIEVE_CMD_UNKNOWN = 0,
	PT_SIEVE_CMD_AUTHENTICATE,
	PT_SIEVE_CMD_CAPABILITY,
	PT_SIEVE_CMD_LOGOUT,
	PT_SIEVE_CMD_NOOP,
	PT_SIEVE_CMD_STARTTLS,
	PT_SIEVE_CMD_SASL           /* a SASL continuation line: args[0] */
};

enum pt_sieve_arg_kind {
	PT_SIEVE_ARG_QUOTED = 1,    /* span excludes the quotes; escapes still in place */
	PT_SIEVE_ARG_LITERAL        /* span is the n raw bytes */
};

struct pt_sieve_arg {
	struct pt_span span;
	enum pt_sieve_arg_kind kind;
};

struct pt_sieve_parser {
	/* machine state */
	int cs;
	size_t off;                 /* bytes of buf read so far */
	uint64_t literal_len;       /* announced length of the current literal */
	uint64_t literal_left;      /* its bytes still to come */
	size_t max_literal;         /* set by the caller: room for one line */
	int lit_bad;                /* the literal's length is refused (judged at '}') */
	int in_literal;             /* taking its bytes, counted, not parsed */
	enum pt_parse_status result;   /* DONE or INVALID once the line end is read */
	/* results (a bad line keeps none: cmd UNKNOWN, nargs 0) */
	enum pt_sieve_cmd cmd;
	struct pt_sieve_arg args[PT_SIEVE_ARGS_MAX];
	unsigned nargs;
	int ends_in_literal;        /* INVALID line whose end was a literal header */
};

/* Start a new command line; max_literal is the room the caller can give
 * one line (its buffer size). */
void pt_sieve_cmd_init(struct pt_sieve_parser *p, size_t max_literal);
/* A SASL continuation line: one string, then the line end (cmd SASL). */
void pt_sieve_cmd_init_sasl_line(struct pt_sieve_parser *p, size_t max_literal);
enum pt_parse_status pt_sieve_cmd_parse(struct pt_sieve_parser *p, const uint8_t *buf,
                                        size_t len);

#endif
