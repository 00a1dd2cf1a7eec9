/* Target: grammar/imap.rl - IMAP client command lines before login (pt_imap_cmd_parse). */
/*
 * Input: byte 0 is the set-up, the rest the bytes a client sends, any
 * number of pipelined commands:
 *   byte 0 bits 0-1: max_literal, one of 0, 3, 64, SIZE_MAX;
 *   byte 0 bit 2:    the first line is a SASL continuation line;
 *   byte 0 (all):    seed of the chunk sizes (1..16 bytes).
 * As in the core, the line after "AUTHENTICATE <mech>" (one argument) is
 * read as a SASL line, and the line after that as a command again.
 *
 * The stream is read twice, the way the core reads its client buffer:
 * whole, and in chunks from the seeded generator.  After LITERAL the
 * reader calls again at once (the core sends "+ OK" and goes on); after
 * DONE or INVALID it drops p->off bytes, re-initialises and goes on over
 * the rest.  Checked, abort() on a violation:
 *   - both reads give the same results (status, offsets, tag, command,
 *     arguments, the non-synchronizing flag, every LITERAL);
 *   - each result of the whole read is what a plain reference reader of
 *     imap_cmd.h's rules (ref_* below, no Ragel) says;
 *   - after every call: p->off never goes back and stays <= len (== len
 *     on MORE), every span lies inside [0, p->off], tag.len <= 32,
 *     nargs <= 3, id_npairs <= 30; a bad line keeps no command, argument
 *     or ID pair;
 *   - ID (RFC 2971 as imap_cmd.h narrows it: NIL or a list of quoted
 *     "field" SP ("value" / NIL) pairs, at most 30, fields of 1..30
 *     octets, values of at most 1024, an escape one octet): the pairs'
 *     spans and NIL flags are the reference's;
 *   - pt_imap_arg_copy() gives each argument back at its length (less its
 *     escapes) and refuses a buffer one byte short.
 * The chunked read works on one heap copy whose bytes past the offered
 * length are poisoned for ASan, so a read past len is caught.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/imap_cmd.h"

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
	size_t lits[PT_IMAP_ARGS_MAX];  /* offsets of the LITERAL results */
	unsigned nlits;
	int tag_ok;
	size_t tag_len;
	enum pt_imap_cmd cmd;
	unsigned nargs;
	struct { enum pt_imap_arg_kind kind; size_t off, len; } args[PT_IMAP_ARGS_MAX];
	int nonsync;
	int id_nil;
	unsigned id_npairs;
	struct { size_t foff, flen, voff, vlen; int vnil; } id[PT_IMAP_ID_PAIRS_MAX];
};

static int ref_tag_char(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_';
}

static int ref_astring_char(uint8_t c)
{
	return c > 0x20 && c < 0x7f && strchr("(){%*\"\\", c) == NULL;
}

static int ref_nonsync_tail(const uint8_t *b, size_t lf)
{
	size_t j = lf, d = 0;

	if (j && b[j - 1] == '\r')
		j--;
	if (j < 2 || b[j - 1] != '}' || b[j - 2] != '+')
		return 0;
	for (j -= 2; j && b[j - 1] >= '0' && b[j - 1] <= '9'; j--)
		d++;
	return d && j && b[j - 1] == '{';
}

static void ref_more(struct ref *r, size_t n)
{
	r->st = PT_PARSE_MORE;
	r->off = n;
}

/* A bad line from b[j] on: it ends at the next LF. */
static void ref_fail(struct ref *r, const uint8_t *b, size_t n, size_t j)
{
	const uint8_t *lf = j < n ? memchr(b + j, '\n', n - j) : NULL;

	if (lf == NULL) {
		ref_more(r, n);
		return;
	}
	r->st = PT_PARSE_INVALID;
	r->off = (size_t)(lf - b) + 1;
	r->nonsync = ref_nonsync_tail(b, (size_t)(lf - b));
	r->cmd = PT_IMAP_CMD_UNKNOWN;
	r->nargs = 0;
	r->id_nil = 0;
	r->id_npairs = 0;
}

static enum pt_imap_cmd ref_cmd(const uint8_t *w, size_t n)
{
	static const char *const names[] = { "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "LOGIN",
	                                     "AUTHENTICATE", "ID" };
	static const enum pt_imap_cmd ids[] = { PT_IMAP_CMD_CAPABILITY, PT_IMAP_CMD_NOOP,
	                                        PT_IMAP_CMD_LOGOUT, PT_IMAP_CMD_STARTTLS,
	                                        PT_IMAP_CMD_LOGIN, PT_IMAP_CMD_AUTHENTICATE,
	                                        PT_IMAP_CMD_ID };

	for (size_t k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		size_t i = 0;
		if (strlen(names[k]) != n)
			continue;
		while (i < n && (w[i] & 0xdf) == (uint8_t)names[k][i])
			i++;
		if (i == n)
			return ids[k];
	}
	return PT_IMAP_CMD_UNKNOWN;
}

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
	r->st = PT_PARSE_DONE;
	r->off = end + 1;
	if (end && b[end - 1] == '\r')
		end--;
	r->nargs = 1;
	r->args[0].kind = PT_IMAP_ARG_ATOM;
	r->args[0].len = end;
}

/* At b[s], after a complete argument or the command name. */
static int ref_sep(struct ref *r, const uint8_t *b, size_t n, size_t s)
{
	if (s >= n) {
		ref_more(r, n);
		return 0;
	}
	if (b[s] == ' ')
		return 1;
	if (b[s] == '\r') {
		if (s + 1 >= n) {
			ref_more(r, n);
			return 0;
		}
		s++;
	}
	if (b[s] == '\n') {
		r->st = PT_PARSE_DONE;
		r->off = s + 1;
	} else {
		ref_fail(r, b, n, s);
	}
	return 0;
}

/* A quoted string at b[a] of 1 (if nonempty) .. max octets.  Returns the
 * offset after its closing quote; 0 with r set when it is MORE or bad. */
static size_t ref_id_quoted(struct ref *r, const uint8_t *b, size_t n, size_t a, size_t max,
                            int nonempty)
{
	size_t k, octets = 0;

	if (a >= n)
		return ref_more(r, n), 0;
	if (b[a] != '"')
		return ref_fail(r, b, n, a), 0;
	for (k = a + 1;; k++) {
		if (k >= n)
			return ref_more(r, n), 0;
		if (b[k] == '"')
			break;
		if (b[k] == 0 || b[k] == '\r' || b[k] == '\n' || octets == max)
			return ref_fail(r, b, n, k), 0;
		octets++;
		if (b[k] == '\\') {
			if (k + 1 >= n)
				return ref_more(r, n), 0;
			if (b[k + 1] != '"' && b[k + 1] != '\\')
				return ref_fail(r, b, n, k + 1), 0;
			k++;
		}
	}
	if (nonempty && octets == 0)
		return ref_fail(r, b, n, k), 0;
	return k + 1;
}

/* "NIL" without case at b[k]: the offset after it, 0 with r set if not. */
static size_t ref_nil(struct ref *r, const uint8_t *b, size_t n, size_t k)
{
	for (size_t i = 0; i < 3; i++) {
		if (k + i >= n)
			return ref_more(r, n), 0;
		if ((b[k + i] & 0xdf) != (uint8_t)"NIL"[i])
			return ref_fail(r, b, n, k + i), 0;
	}
	return k + 3;
}

/* After "ID" at b[s]: SP, then NIL or the list, then the line end. */
static void ref_id(struct ref *r, const uint8_t *b, size_t n, size_t s)
{
	size_t k = s + 1;

	if (s >= n)
		return ref_more(r, n);
	if (b[s] != ' ')
		return ref_fail(r, b, n, s);
	if (k >= n)
		return ref_more(r, n);
	if (b[k] != '(') {
		if ((k = ref_nil(r, b, n, k)) == 0)
			return;
		r->id_nil = 1;
	} else if (++k >= n) {
		return ref_more(r, n);
	} else if (b[k] == ')') {
		k++;
	} else {
		for (;;) {
			size_t f = k, v;

			if (r->id_npairs == PT_IMAP_ID_PAIRS_MAX)
				return ref_fail(r, b, n, k);
			if ((k = ref_id_quoted(r, b, n, f, PT_IMAP_ID_FIELD_MAX, 1)) == 0)
				return;
			r->id[r->id_npairs].foff = f + 1;
			r->id[r->id_npairs].flen = k - f - 2;
			if (k >= n)
				return ref_more(r, n);
			if (b[k] != ' ')
				return ref_fail(r, b, n, k);
			v = ++k;
			if (v >= n)
				return ref_more(r, n);
			if (b[v] == '"') {
				if ((k = ref_id_quoted(r, b, n, v, PT_IMAP_ID_VALUE_MAX, 0)) == 0)
					return;
				r->id[r->id_npairs].voff = v + 1;
				r->id[r->id_npairs].vlen = k - v - 2;
				r->id[r->id_npairs].vnil = 0;
			} else {
				if ((k = ref_nil(r, b, n, v)) == 0)
					return;
				r->id[r->id_npairs].voff = 0;
				r->id[r->id_npairs].vlen = 0;
				r->id[r->id_npairs].vnil = 1;
			}
			r->id_npairs++;
			if (k >= n)
				return ref_more(r, n);
			if (b[k] == ')') {
				k++;
				break;
			}
			if (b[k] != ' ')
				return ref_fail(r, b, n, k);
			k++;
		}
	}
	if (ref_sep(r, b, n, k))
		ref_fail(r, b, n, k);   /* no argument may follow */
}

static void ref_command(struct ref *r, const uint8_t *b, size_t n, size_t maxlit)
{
	size_t i = 0, k;

	memset(r, 0, sizeof(*r));
	while (i < n && i < PT_IMAP_TAG_MAX && ref_tag_char(b[i]))
		i++;
	if (i == n)
		return ref_more(r, n);
	if (i == 0 || b[i] != ' ')
		return ref_fail(r, b, n, i);
	r->tag_ok = 1;
	r->tag_len = i++;

	for (k = i; k < n && ((b[k] | 0x20) >= 'a' && (b[k] | 0x20) <= 'z'); k++)
		;
	if (k == n)
		return ref_more(r, n);
	r->cmd = ref_cmd(b + i, k - i);
	if (r->cmd == PT_IMAP_CMD_UNKNOWN)
		return ref_fail(r, b, n, i);
	if (r->cmd == PT_IMAP_CMD_ID)
		return ref_id(r, b, n, k);

	for (size_t s = k; ref_sep(r, b, n, s);) {
		size_t a = s + 1;   /* the argument's first byte */
		if (r->nargs == PT_IMAP_ARGS_MAX)
			return ref_fail(r, b, n, s);
		if (a >= n)
			return ref_more(r, n);
		if (ref_astring_char(b[a])) {
			for (k = a; k < n && ref_astring_char(b[k]); k++)
				;
			r->args[r->nargs].kind = PT_IMAP_ARG_ATOM;
			r->args[r->nargs].off = a;
			r->args[r->nargs++].len = k - a;
			s = k;
		} else if (b[a] == '"') {
			for (k = a + 1;; k++) {
				if (k >= n)
					return ref_more(r, n);
				if (b[k] == '"')
					break;
				if (b[k] == '\\') {
					if (k + 1 >= n)
						return ref_more(r, n);
					if (b[k + 1] != '"' && b[k + 1] != '\\')
						return ref_fail(r, b, n, a);
					k++;
				} else if (b[k] == 0 || b[k] == '\r' || b[k] == '\n') {
					return ref_fail(r, b, n, a);
				}
			}
			r->args[r->nargs].kind = PT_IMAP_ARG_QUOTED;
			r->args[r->nargs].off = a + 1;
			r->args[r->nargs++].len = k - a - 1;
			s = k + 1;
		} else if (b[a] == '{') {
			uint64_t v = 0;
			int over = 0, plus = 0;
			size_t d = 0;
			for (k = a + 1; k < n && b[k] >= '0' && b[k] <= '9'; k++, d++) {
				unsigned c = (unsigned)(b[k] - '0');
				if (over || v > ((uint64_t)INT64_MAX - c) / 10)
					over = 1;
				else
					v = v * 10 + c;
			}
			if (k < n && d && b[k] == '+') {
				plus = 1;
				k++;
			}
			if (k >= n)
				return ref_more(r, n);
			if (!d || b[k] != '}')
				return ref_fail(r, b, n, a);
			if (++k >= n)
				return ref_more(r, n);
			if (b[k] == '\r' && ++k >= n)
				return ref_more(r, n);
			if (b[k] != '\n' || over || v > (uint64_t)maxlit)
				return ref_fail(r, b, n, a);
			k++;
			if (!plus)
				r->lits[r->nlits++] = k;
			r->args[r->nargs].kind = PT_IMAP_ARG_LITERAL;
			r->args[r->nargs].off = k;
			if (v > n - k)
				return ref_more(r, n);
			r->args[r->nargs++].len = (size_t)v;
			s = k + (size_t)v;
		} else {
			return ref_fail(r, b, n, a);
		}
	}
}

/* ---- running the parser ------------------------------------------------------ */

struct fz_run {
	uint64_t h;             /* hash of every result */
	size_t items;
	int whole;              /* compare with the reference */
	struct ref ref;
	unsigned lit_seen;      /* LITERAL results of the current item */
};

static void fz_mix(struct fz_run *R, uint64_t v)
{
	R->h = (R->h ^ v) * 1099511628211u;
}

static int fz_span_ok(struct pt_span s, size_t off)
{
	return s.off <= off && s.len <= off - s.off;
}

static void fz_check_call(const struct pt_imap_parser *P, enum pt_parse_status st, size_t before,
                          size_t len, const uint8_t *buf)
{
	if (P->off < before || P->off > len || P->tag.len > PT_IMAP_TAG_MAX ||
	    P->nargs > PT_IMAP_ARGS_MAX || !fz_span_ok(P->tag, P->off))
		abort();
	for (unsigned i = 0; i < P->nargs; i++)
		if (!fz_span_ok(P->args[i].span, P->off))
			abort();
	if (P->id_npairs > PT_IMAP_ID_PAIRS_MAX)
		abort();
	for (unsigned i = 0; i < P->id_npairs; i++)
		if (!fz_span_ok(P->id_pairs[i].field, P->off) ||
		    !fz_span_ok(P->id_pairs[i].value, P->off))
			abort();
	if (st == PT_PARSE_INVALID && (P->id_npairs || P->id_nil))
		abort();
	switch (st) {
	case PT_PARSE_MORE:
		if (P->off != len)
			abort();
		break;
	case PT_PARSE_INVALID:
		if (P->nargs != 0 || P->cmd != PT_IMAP_CMD_UNKNOWN)
			abort();
		/* fall through */
	case PT_PARSE_DONE:
	case PT_PARSE_LITERAL:
		if (P->off == 0 || buf[P->off - 1] != '\n')
			abort();
		break;
	default:
		abort();
	}
}

static void fz_check_copy(const struct pt_imap_parser *P, const uint8_t *buf)
{
	static uint8_t out[FZ_MAX_INPUT];

	for (unsigned i = 0; i < P->nargs; i++) {
		size_t len = P->args[i].span.len;
		long got = pt_imap_arg_copy(P, buf, i, out, len);
		if (got < 0 || (size_t)got > len)
			abort();
		if (P->args[i].kind != PT_IMAP_ARG_QUOTED &&
		    ((size_t)got != len || memcmp(out, buf + P->args[i].span.off, len) != 0))
			abort();
		if (got > 0 && pt_imap_arg_copy(P, buf, i, out, (size_t)got - 1) != -1)
			abort();
	}
	if (pt_imap_arg_copy(P, buf, P->nargs, out, sizeof(out)) != -1)
		abort();
}

static void fz_result(struct fz_run *R, const struct pt_imap_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	const struct ref *f = &R->ref;

	fz_mix(R, (uint64_t)st << 32 | P->off);
	if (st == PT_PARSE_LITERAL) {
		if (R->whole && (R->lit_seen >= f->nlits || f->lits[R->lit_seen] != P->off))
			abort();
		R->lit_seen++;
		return;
	}
	fz_mix(R, (uint64_t)P->tag_ok << 40 | (uint64_t)P->tag.off << 20 | P->tag.len);
	fz_mix(R, (uint64_t)P->cmd << 8 | P->nargs);
	fz_mix(R, (uint64_t)P->ends_in_nonsync_literal);
	for (unsigned i = 0; i < P->nargs; i++)
		fz_mix(R, (uint64_t)P->args[i].kind << 60 | (uint64_t)P->args[i].span.off << 32 |
		          P->args[i].span.len);
	fz_mix(R, (uint64_t)P->id_nil << 8 | P->id_npairs);
	for (unsigned i = 0; i < P->id_npairs; i++) {
		const struct pt_imap_id_pair *ip = &P->id_pairs[i];
		fz_mix(R, (uint64_t)ip->field.off << 32 | ip->field.len);
		fz_mix(R, (uint64_t)ip->value_nil << 63 | (uint64_t)ip->value.off << 32 | ip->value.len);
	}
	if (!R->whole)
		return;
	if (st != f->st || P->off != f->off || R->lit_seen != f->nlits)
		abort();
	if (st == PT_PARSE_MORE)
		return;
	if (P->tag_ok != f->tag_ok || (f->tag_ok && P->tag.len != f->tag_len) ||
	    P->cmd != f->cmd || P->nargs != f->nargs ||
	    P->ends_in_nonsync_literal != f->nonsync)
		abort();
	for (unsigned i = 0; i < P->nargs; i++)
		if (P->args[i].kind != f->args[i].kind || P->args[i].span.off != f->args[i].off ||
		    P->args[i].span.len != f->args[i].len)
			abort();
	if (P->id_nil != f->id_nil || P->id_npairs != f->id_npairs)
		abort();
	for (unsigned i = 0; i < P->id_npairs; i++) {
		const struct pt_imap_id_pair *ip = &P->id_pairs[i];
		if (ip->field.off != f->id[i].foff || ip->field.len != f->id[i].flen ||
		    ip->value_nil != f->id[i].vnil ||
		    (!ip->value_nil && (ip->value.off != f->id[i].voff || ip->value.len != f->id[i].vlen)))
			abort();
	}
	if (st == PT_PARSE_DONE)
		fz_check_copy(P, buf);
}

static void fz_read(struct fz_run *R, uint8_t *b, size_t n, uint8_t setup, int chunked)
{
	static const size_t maxlits[4] = { 0, 3, 64, SIZE_MAX };
	static struct pt_imap_parser P;
	size_t maxlit = maxlits[setup & 3];
	int sasl = (setup >> 2) & 1;
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
				pt_imap_cmd_init_sasl_line(&P);
			else
				pt_imap_cmd_init(&P, maxlit);
			if (R->whole) {
				if (sasl)
					ref_sasl(&R->ref, b + base, n - base);
				else
					ref_command(&R->ref, b + base, n - base, maxlit);
			}
			R->lit_seen = 0;
		}
		if (++calls > 2 * n + 8)
			abort();    /* no progress: LITERAL or MORE forever */
		ASAN_POISON_MEMORY_REGION(b + fed, n - fed);
		before = P.off;
		st = pt_imap_cmd_parse(&P, b + base, fed - base);
		ASAN_UNPOISON_MEMORY_REGION(b + fed, n - fed);
		fz_check_call(&P, st, before, fed - base, b + base);
		if (st != PT_PARSE_MORE || fed == n)
			fz_result(R, &P, b + base, st);
		if (st == PT_PARSE_LITERAL)
			continue;
		if (st == PT_PARSE_DONE || st == PT_PARSE_INVALID) {
			/* The core's rule: after "AUTHENTICATE mech" comes a SASL line. */
			sasl = !sasl && st == PT_PARSE_DONE && P.cmd == PT_IMAP_CMD_AUTHENTICATE &&
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
