/* Target: grammar/pop3.rl - POP3 client command lines before login (pt_pop3_cmd_parse). */
/*
 * Input: byte 0 is the set-up, the rest the bytes a client sends, any
 * number of pipelined commands:
 *   byte 0 bit 0:    the first line is a SASL continuation line;
 *   byte 0 (all):    seed of the chunk sizes (1..16 bytes).
 * As in the core, the line after "AUTH <mech>" (one argument) is read as
 * a SASL line, and the line after that as a command again.
 *
 * The stream is read twice, the way the core reads its client buffer:
 * whole, and in chunks from the seeded generator.  After DONE or INVALID
 * the reader drops p->off bytes, re-initialises and goes on over the rest.
 * Checked, abort() on a violation:
 *   - both reads give the same results (status, offset, command, each
 *     argument's span) and as many of them;
 *   - each result of the whole read is what a reference reader says: a
 *     plain transcription of nginx's ngx_mail_pop3_parse_command (1.21+:
 *     sw_command, sw_spaces_before_argument, sw_argument, sw_almost_done,
 *     sw_invalid) with pop3_cmd.h's three differences (NUL refused, at
 *     most PT_POP3_ARGS_MAX arguments, a SASL line taken whole) - no Ragel;
 *   - after every call: p->off never goes back and stays <= len (== len
 *     on MORE), every span lies inside [0, p->off], nargs <= 2, a DONE or
 *     INVALID line ends in LF at p->off, a bad line keeps no command or
 *     argument, and a second call after the end changes nothing.
 * The chunked read works on one heap copy whose bytes past the offered
 * length are poisoned for ASan, so a read past len is caught.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/pop3_cmd.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FZ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define FZ_ASAN 1
#endif
#ifdef FZ_ASAN
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(a, s) ((void)(a), (void)(s))
#define ASAN_UNPOISON_MEMORY_REGION(a, s) ((void)(a), (void)(s))
#endif

#define FZ_MAX_INPUT 8192

/* ---- the reference reader: nginx's state machine --------------------------- */

struct ref {
	enum pt_parse_status st;    /* DONE, INVALID or MORE */
	size_t off;
	enum pt_pop3_cmd cmd;
	unsigned nargs;
	struct { size_t off, len; } args[PT_POP3_ARGS_MAX];
};

static void ref_more(struct ref *r, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->st = PT_PARSE_MORE;
	r->off = n;
}

/* nginx's sw_invalid: a bad line from b[j] on ends at the next LF. */
static void ref_fail(struct ref *r, const uint8_t *b, size_t n, size_t j)
{
	const uint8_t *lf = j < n ? memchr(b + j, '\n', n - j) : NULL;

	if (lf == NULL) {
		ref_more(r, n);
		return;
	}
	memset(r, 0, sizeof(*r));
	r->st = PT_PARSE_INVALID;
	r->off = (size_t)(lf - b) + 1;
}

static void ref_done(struct ref *r, size_t lf)
{
	r->st = PT_PARSE_DONE;
	r->off = lf + 1;
}

/* nginx: four bytes, compared after ngx_toupper. */
static enum pt_pop3_cmd ref_cmd(const uint8_t *c)
{
	static const char names[][5] = { "USER", "PASS", "APOP", "QUIT", "CAPA", "AUTH", "NOOP",
	                                 "STLS" };
	static const enum pt_pop3_cmd ids[] = { PT_POP3_CMD_USER, PT_POP3_CMD_PASS,
	                                        PT_POP3_CMD_APOP, PT_POP3_CMD_QUIT,
	                                        PT_POP3_CMD_CAPA, PT_POP3_CMD_AUTH,
	                                        PT_POP3_CMD_NOOP, PT_POP3_CMD_STLS };

	for (size_t k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		size_t i = 0;
		while (i < 4 && (uint8_t)(c[i] >= 'a' && c[i] <= 'z' ? c[i] - 0x20 : c[i]) ==
		                (uint8_t)names[k][i])
			i++;
		if (i == 4)
			return ids[k];
	}
	return PT_POP3_CMD_UNKNOWN;
}

static int ref_alpha(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static void ref_command(struct ref *r, const uint8_t *b, size_t n)
{
	enum { SW_COMMAND, SW_SPACES_BEFORE_ARGUMENT, SW_ARGUMENT, SW_ALMOST_DONE } state =
		SW_COMMAND;
	size_t arg_start = 0;

	memset(r, 0, sizeof(*r));
	for (size_t p = 0; p < n; p++) {
		uint8_t ch = b[p];

		if (ch == 0)
			return ref_fail(r, b, n, p);    /* pop3_cmd.h: NUL anywhere */
		switch (state) {
		case SW_COMMAND:
			if (ch == ' ' || ch == '\r' || ch == '\n') {
				if (p != 4 || (r->cmd = ref_cmd(b)) == PT_POP3_CMD_UNKNOWN)
					return ref_fail(r, b, n, p);
				if (ch == ' ')
					state = SW_SPACES_BEFORE_ARGUMENT;
				else if (ch == '\r')
					state = SW_ALMOST_DONE;
				else
					return ref_done(r, p);
				break;
			}
			if (!ref_alpha(ch))
				return ref_fail(r, b, n, p);
			break;
		case SW_SPACES_BEFORE_ARGUMENT:
			if (ch == ' ')
				break;
			if (ch == '\r') {
				state = SW_ALMOST_DONE;
				break;
			}
			if (ch == '\n')
				return ref_done(r, p);
			/* nginx: "s->args.nelts <= 2" (3 arguments); pop3_cmd.h: 2. */
			if (r->nargs >= PT_POP3_ARGS_MAX)
				return ref_fail(r, b, n, p);
			state = SW_ARGUMENT;
			arg_start = p;
			break;
		case SW_ARGUMENT:
			if (ch == ' ' && (r->cmd == PT_POP3_CMD_USER || r->cmd == PT_POP3_CMD_PASS))
				break;
			if (ch == ' ' || ch == '\r' || ch == '\n') {
				r->args[r->nargs].off = arg_start;
				r->args[r->nargs++].len = p - arg_start;
				if (ch == ' ')
					state = SW_SPACES_BEFORE_ARGUMENT;
				else if (ch == '\r')
					state = SW_ALMOST_DONE;
				else
					return ref_done(r, p);
			}
			break;
		case SW_ALMOST_DONE:
			if (ch == '\n')
				return ref_done(r, p);
			return ref_fail(r, b, n, p);
		}
	}
	ref_more(r, n);
}

/* pop3_cmd.h: the whole line up to CRLF or LF is args[0]; NUL is bad. */
static void ref_sasl(struct ref *r, const uint8_t *b, size_t n)
{
	const uint8_t *lf = n ? memchr(b, '\n', n) : NULL;
	size_t end;

	memset(r, 0, sizeof(*r));
	if (lf == NULL) {
		ref_more(r, n);
		return;
	}
	end = (size_t)(lf - b);
	if (memchr(b, 0, end) != NULL) {
		ref_fail(r, b, n, 0);
		return;
	}
	ref_done(r, end);
	if (end && b[end - 1] == '\r')
		end--;
	r->nargs = 1;
	r->args[0].len = end;
}

/* ---- running the parser ------------------------------------------------------ */

struct fz_run {
	uint64_t h;             /* hash of every result */
	size_t items;
	int whole;              /* compare with the reference */
	struct ref ref;
};

static void fz_mix(struct fz_run *R, uint64_t v)
{
	R->h = (R->h ^ v) * 1099511628211u;
}

static int fz_span_ok(struct pt_span s, size_t off)
{
	return s.off <= off && s.len <= off - s.off;
}

static void fz_check_call(const struct pt_pop3_parser *P, enum pt_parse_status st, size_t before,
                          size_t len, const uint8_t *buf)
{
	if (P->off < before || P->off > len || P->nargs > PT_POP3_ARGS_MAX)
		abort();
	for (unsigned i = 0; i < P->nargs; i++)
		if (!fz_span_ok(P->args[i], P->off))
			abort();
	switch (st) {
	case PT_PARSE_MORE:
		if (P->off != len)
			abort();
		break;
	case PT_PARSE_INVALID:
		if (P->nargs != 0 || P->cmd != PT_POP3_CMD_UNKNOWN)
			abort();
		/* fall through */
	case PT_PARSE_DONE:
		if (P->off == 0 || buf[P->off - 1] != '\n')
			abort();
		break;
	default:
		abort();
	}
}

static void fz_result(struct fz_run *R, const struct pt_pop3_parser *P, enum pt_parse_status st)
{
	const struct ref *f = &R->ref;

	fz_mix(R, (uint64_t)st << 32 | P->off);
	fz_mix(R, (uint64_t)P->cmd << 8 | P->nargs);
	for (unsigned i = 0; i < P->nargs; i++)
		fz_mix(R, (uint64_t)P->args[i].off << 32 | P->args[i].len);
	if (!R->whole)
		return;
	if (st != f->st || P->off != f->off)
		abort();
	if (st == PT_PARSE_MORE)
		return;
	if (P->cmd != f->cmd || P->nargs != f->nargs)
		abort();
	for (unsigned i = 0; i < P->nargs; i++)
		if (P->args[i].off != f->args[i].off || P->args[i].len != f->args[i].len)
			abort();
}

static void fz_read(struct fz_run *R, uint8_t *b, size_t n, uint8_t setup, int chunked)
{
	static struct pt_pop3_parser P;
	int sasl = setup & 1;
	uint32_t x = 0x9e3779b9u ^ setup;
	size_t fed = chunked ? 0 : n, base = 0, calls = 0;

	memset(R, 0, sizeof(*R));
	R->h = 14695981039346656037u;
	R->whole = !chunked;
	for (;;) {
		enum pt_parse_status st;
		size_t before;

		if (calls == 0) {
			/* A new item: the first, or the previous one ended. */
			if (sasl)
				pt_pop3_cmd_init_sasl_line(&P);
			else
				pt_pop3_cmd_init(&P);
			if (R->whole) {
				if (sasl)
					ref_sasl(&R->ref, b + base, n - base);
				else
					ref_command(&R->ref, b + base, n - base);
			}
		}
		if (++calls > n + 8)
			abort();    /* no progress */
		ASAN_POISON_MEMORY_REGION(b + fed, n - fed);
		before = P.off;
		st = pt_pop3_cmd_parse(&P, b + base, fed - base);
		fz_check_call(&P, st, before, fed - base, b + base);
		if (st != PT_PARSE_MORE) {
			/* Once over, the line stays over. */
			struct pt_pop3_parser again = P;
			if (pt_pop3_cmd_parse(&again, b + base, fed - base) != st ||
			    memcmp(&again, &P, sizeof(P)) != 0)
				abort();
		}
		ASAN_UNPOISON_MEMORY_REGION(b + fed, n - fed);
		if (st != PT_PARSE_MORE || fed == n)
			fz_result(R, &P, st);
		if (st == PT_PARSE_DONE || st == PT_PARSE_INVALID) {
			/* The core's rule: after "AUTH mech" comes a SASL line. */
			sasl = !sasl && st == PT_PARSE_DONE && P.cmd == PT_POP3_CMD_AUTH &&
			       P.nargs == 1;
			base += P.off;
			R->items++;
			calls = 0;
			if (base == n)
				return;
			continue;
		}
		if (fed == n)
			return;
		fed = fz_feed_more(fed, n, 16, &x);
	}
}

FZ_CHUNK_TARGET()
