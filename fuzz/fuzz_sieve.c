/* Target: grammar/sieve.rl - ManageSieve client command lines before login (pt_sieve_cmd_parse). */
/*
 * Input: byte 0 is the set-up, the rest the bytes a client sends, any
 * number of pipelined commands:
 *   byte 0 bit 0:    the first line is a SASL continuation line;
 *   byte 0 bit 1:    the room for a literal is 64 bytes (else 4096);
 *   byte 0 (all):    seed of the chunk sizes (1..16 bytes).
 * As in the core, the line after AUTHENTICATE with one argument is read
 * as a SASL line, and the line after that as a command again.
 *
 * The stream is read twice, the way the core reads its client buffer:
 * whole, and in chunks from the seeded generator.  After DONE or INVALID
 * the reader drops p->off bytes, re-initialises and goes on over the rest.
 * Checked, abort() on a violation:
 *   - both reads give the same results (status, offset, command, each
 *     argument's kind and span, the literal flag) and as many of them;
 *   - after every call: p->off never goes back and stays <= len (== len
 *     on MORE), LITERAL never comes (ManageSieve has no continuation),
 *     every span lies inside [0, p->off], nargs <= PT_SIEVE_ARGS_MAX, a
 *     literal argument is no longer than the room given, a DONE or
 *     INVALID line ends in LF at p->off, a bad line keeps no command or
 *     argument, and a second call after the end changes nothing;
 *   - a quoted argument holds no CR, LF or NUL and no lone backslash.
 * The chunked read works on one heap copy whose bytes past the offered
 * length are poisoned for ASan, so a read past len is caught.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/sieve_cmd.h"

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

struct fz_run {
	uint64_t h;             /* hash of every result */
	size_t items;
};

static void fz_mix(struct fz_run *R, uint64_t v)
{
	R->h = (R->h ^ v) * 1099511628211u;
}

static int fz_span_ok(struct pt_span s, size_t off)
{
	return s.off <= off && s.len <= off - s.off;
}

static void fz_check_quoted(const uint8_t *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (q[i] == '\r' || q[i] == '\n' || q[i] == 0 || q[i] == '"')
			abort();
		if (q[i] == '\\' && (++i == n || (q[i] != '\\' && q[i] != '"')))
			abort();
	}
}

static void fz_check_call(const struct pt_sieve_parser *P, enum pt_parse_status st,
                          size_t before, size_t len, const uint8_t *buf, size_t maxlit)
{
	if (P->off < before || P->off > len || P->nargs > PT_SIEVE_ARGS_MAX)
		abort();
	for (unsigned i = 0; i < P->nargs; i++)
		if (!fz_span_ok(P->args[i].span, P->off) ||
		    (P->args[i].kind == PT_SIEVE_ARG_LITERAL && P->args[i].span.len > maxlit))
			abort();
	switch (st) {
	case PT_PARSE_MORE:
		if (P->off != len)
			abort();
		break;
	case PT_PARSE_INVALID:
		if (P->nargs != 0 || P->cmd != PT_SIEVE_CMD_UNKNOWN)
			abort();
		/* fall through */
	case PT_PARSE_DONE:
		if (P->off == 0 || buf[P->off - 1] != '\n')
			abort();
		for (unsigned i = 0; i < P->nargs; i++)
			if (P->args[i].kind == PT_SIEVE_ARG_QUOTED)
				fz_check_quoted(buf + P->args[i].span.off, P->args[i].span.len);
		break;
	default:
		abort();
	}
}

static void fz_result(struct fz_run *R, const struct pt_sieve_parser *P, enum pt_parse_status st)
{
	fz_mix(R, (uint64_t)st << 32 | P->off);
	fz_mix(R, (uint64_t)P->cmd << 8 | P->nargs | (uint64_t)P->ends_in_literal << 16);
	for (unsigned i = 0; i < P->nargs; i++)
		fz_mix(R, (uint64_t)P->args[i].span.off << 32 | P->args[i].span.len |
		              (uint64_t)P->args[i].kind << 62);
}

static void fz_read(struct fz_run *R, uint8_t *b, size_t n, uint8_t setup, int chunked)
{
	static struct pt_sieve_parser P;
	int sasl = setup & 1;
	size_t maxlit = setup & 2 ? 64 : 4096;
	uint32_t x = 0x9e3779b9u ^ setup;
	size_t fed = chunked ? 0 : n, base = 0, calls = 0;

	memset(R, 0, sizeof(*R));
	R->h = 14695981039346656037u;
	for (;;) {
		enum pt_parse_status st;
		size_t before;

		if (calls == 0) {
			if (sasl)
				pt_sieve_cmd_init_sasl_line(&P, maxlit);
			else
				pt_sieve_cmd_init(&P, maxlit);
		}
		if (++calls > n + 8)
			abort();    /* no progress */
		ASAN_POISON_MEMORY_REGION(b + fed, n - fed);
		before = P.off;
		st = pt_sieve_cmd_parse(&P, b + base, fed - base);
		fz_check_call(&P, st, before, fed - base, b + base, maxlit);
		if (st != PT_PARSE_MORE) {
			/* Once over, the line stays over. */
			struct pt_sieve_parser again = P;
			if (pt_sieve_cmd_parse(&again, b + base, fed - base) != st ||
			    memcmp(&again, &P, sizeof(P)) != 0)
				abort();
		}
		ASAN_UNPOISON_MEMORY_REGION(b + fed, n - fed);
		if (st != PT_PARSE_MORE || fed == n)
			fz_result(R, &P, st);
		if (st == PT_PARSE_DONE || st == PT_PARSE_INVALID) {
			/* The core's rule: after AUTHENTICATE "mech" comes a SASL line. */
			sasl = !sasl && st == PT_PARSE_DONE && P.cmd == PT_SIEVE_CMD_AUTHENTICATE &&
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
