/* Target: grammar/smtp.rl - SMTP client command lines before login (pt_smtp_cmd_parse). */
/*
 * Input: byte 0 is the set-up, the rest the bytes a client sends, any
 * number of pipelined lines:
 *   byte 0 bit 0:  the first line is a SASL continuation line;
 *   byte 0 (all):  seed of the chunk sizes (1..16 bytes).
 * As in the core, the line after "AUTH <mech>" (one argument: the server
 * answers "334 ...") is read as a SASL line, and the line after that as a
 * command again.
 *
 * The stream is read twice, the way the core reads its client buffer:
 * whole, and in chunks from the seeded generator.  After DONE or INVALID
 * the reader drops p->off bytes, re-initialises and goes on over the rest.
 * Checked, abort() on a violation:
 *   - both reads give the same results (status, offsets, command, verb,
 *     line, arguments);
 *   - each result of the whole read is what a plain reference reader of
 *     smtp_cmd.h's rules (ref_* below, no Ragel) says;
 *   - after every call: p->off never goes back and stays <= len (== len
 *     on MORE), every span lies inside [0, p->off], nargs <= 10; a bad
 *     line keeps no command, verb or argument; DONE and INVALID end at an
 *     LF, right after `line` and its CR.
 * The chunked read works on one heap copy whose bytes past the offered
 * length are poisoned for ASan, so a read past len is caught.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/smtp_cmd.h"

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

/* ---- the reference reader ---------------------------------------------------- */

struct ref {
	enum pt_parse_status st;    /* DONE, INVALID or MORE */
	size_t off;
	size_t line_len;
	enum pt_smtp_cmd cmd;
	size_t verb_len;
	unsigned nargs;
	struct { size_t off, len; } args[PT_SMTP_ARGS_MAX];
};

static int ref_alpha(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static enum pt_smtp_cmd ref_cmd(const uint8_t *w, size_t n)
{
	static const char *const names[] = { "HELO", "EHLO", "AUTH", "STARTTLS", "MAIL",
	                                     "RCPT", "RSET", "NOOP", "QUIT" };
	static const enum pt_smtp_cmd ids[] = { PT_SMTP_CMD_HELO, PT_SMTP_CMD_EHLO,
	                                        PT_SMTP_CMD_AUTH, PT_SMTP_CMD_STARTTLS,
	                                        PT_SMTP_CMD_MAIL, PT_SMTP_CMD_RCPT,
	                                        PT_SMTP_CMD_RSET, PT_SMTP_CMD_NOOP,
	                                        PT_SMTP_CMD_QUIT };

	for (size_t k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		size_t i = 0;
		if (strlen(names[k]) != n)
			continue;
		while (i < n && (w[i] & 0xdf) == (uint8_t)names[k][i])
			i++;
		if (i == n)
			return ids[k];
	}
	return PT_SMTP_CMD_UNKNOWN;
}

/* The line b[0..n): MORE without an LF; else its end, and `line` without
 * the line end.  Returns the body length (the line without LF and CR). */
static int ref_line(struct ref *r, const uint8_t *b, size_t n, size_t *body)
{
	const uint8_t *lf = n ? memchr(b, '\n', n) : NULL;
	size_t end;

	memset(r, 0, sizeof(*r));
	if (lf == NULL) {
		r->st = PT_PARSE_MORE;
		r->off = n;
		return 0;
	}
	end = (size_t)(lf - b);
	r->off = end + 1;
	if (end && b[end - 1] == '\r')
		end--;
	r->line_len = end;
	*body = end;
	return 1;
}

static void ref_invalid(struct ref *r)
{
	r->st = PT_PARSE_INVALID;
	r->cmd = PT_SMTP_CMD_UNKNOWN;
	r->verb_len = 0;
	r->nargs = 0;
}

static void ref_sasl(struct ref *r, const uint8_t *b, size_t n)
{
	size_t body;

	if (!ref_line(r, b, n, &body))
		return;
	if (memchr(b, 0, r->off - 1) != NULL)
		return ref_invalid(r);
	r->st = PT_PARSE_DONE;
	r->nargs = 1;
	r->args[0].off = 0;
	r->args[0].len = body;
}

static void ref_command(struct ref *r, const uint8_t *b, size_t n)
{
	size_t body, i, k;

	if (!ref_line(r, b, n, &body))
		return;
	/* No CR but the line end's, no NUL. */
	if (memchr(b, '\r', body) != NULL || memchr(b, 0, body) != NULL)
		return ref_invalid(r);
	for (k = 0; k < body && ref_alpha(b[k]); k++)
		;
	if (k == 0 || (k < body && b[k] != ' '))
		return ref_invalid(r);
	r->cmd = ref_cmd(b, k);
	r->verb_len = k;
	for (i = k;;) {
		while (i < body && b[i] == ' ')
			i++;
		if (i == body)
			break;
		if (r->nargs == PT_SMTP_ARGS_MAX)
			return ref_invalid(r);
		for (k = i; k < body && b[k] != ' '; k++)
			;
		r->args[r->nargs].off = i;
		r->args[r->nargs++].len = k - i;
		i = k;
	}
	r->st = PT_PARSE_DONE;
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

static void fz_check_call(const struct pt_smtp_parser *P, enum pt_parse_status st, size_t before,
                          size_t len, const uint8_t *buf)
{
	if (P->off < before || P->off > len || P->nargs > PT_SMTP_ARGS_MAX ||
	    !fz_span_ok(P->line, P->off) || !fz_span_ok(P->verb, P->off))
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
		if (P->nargs != 0 || P->cmd != PT_SMTP_CMD_UNKNOWN || P->verb.len != 0)
			abort();
		/* fall through */
	case PT_PARSE_DONE:
		if (P->off == 0 || buf[P->off - 1] != '\n' || P->line.off != 0)
			abort();
		if (P->line.len + 1 != P->off &&
		    !(P->line.len + 2 == P->off && buf[P->line.len] == '\r'))
			abort();
		break;
	default:
		abort();
	}
}

static void fz_result(struct fz_run *R, const struct pt_smtp_parser *P, enum pt_parse_status st)
{
	const struct ref *f = &R->ref;

	fz_mix(R, (uint64_t)st << 32 | P->off);
	fz_mix(R, (uint64_t)P->cmd << 40 | (uint64_t)P->verb.len << 20 | P->line.len);
	fz_mix(R, P->nargs);
	for (unsigned i = 0; i < P->nargs; i++)
		fz_mix(R, (uint64_t)P->args[i].off << 32 | P->args[i].len);
	if (!R->whole)
		return;
	if (st != f->st || P->off != f->off)
		abort();
	if (st == PT_PARSE_MORE)
		return;
	if (P->line.len != f->line_len || P->cmd != f->cmd || P->verb.len != f->verb_len ||
	    P->nargs != f->nargs)
		abort();
	for (unsigned i = 0; i < P->nargs; i++)
		if (P->args[i].off != f->args[i].off || P->args[i].len != f->args[i].len)
			abort();
}

static void fz_read(struct fz_run *R, uint8_t *b, size_t n, uint8_t setup, int chunked)
{
	static struct pt_smtp_parser P;
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
				pt_smtp_cmd_init_sasl_line(&P);
			else
				pt_smtp_cmd_init(&P);
			if (R->whole) {
				if (sasl)
					ref_sasl(&R->ref, b + base, n - base);
				else
					ref_command(&R->ref, b + base, n - base);
			}
		}
		if (++calls > 2 * n + 8)
			abort();    /* no progress */
		ASAN_POISON_MEMORY_REGION(b + fed, n - fed);
		before = P.off;
		st = pt_smtp_cmd_parse(&P, b + base, fed - base);
		ASAN_UNPOISON_MEMORY_REGION(b + fed, n - fed);
		fz_check_call(&P, st, before, fed - base, b + base);
		if (st != PT_PARSE_MORE || fed == n)
			fz_result(R, &P, st);
		if (st == PT_PARSE_DONE || st == PT_PARSE_INVALID) {
			/* The core's rule: after "AUTH mech" comes a SASL line. */
			sasl = !sasl && st == PT_PARSE_DONE && P.cmd == PT_SMTP_CMD_AUTH &&
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
