/* Target: grammar/authhdr.rl - auth_http reply lines (pt_authhdr_parse). */
/*
 * Input: the bytes an auth server sends, any number of lines (and of
 * replies: "first" is set for the first line and again after each END).
 * The first byte also seeds the chunk sizes (it is part of the stream
 * too, so the seeds are plain replies).
 *
 * The input is read twice: whole, and in chunks of 1..16 bytes from a
 * generator seeded by the first byte.  After each DONE or INVALID the
 * reader drops p->off bytes, re-initialises and goes on over the rest.
 * Checked, abort() on a violation:
 *   - both reads give the same items (status, length, kind, spans);
 *   - each item is what a plain reference reader of authhdr.h's rules
 *     says about that line (ref_line below, no Ragel);
 *   - p->off never goes back, stays <= len, and equals len on MORE;
 *   - name and value spans lie inside [0, p->off]; the name is within its
 *     bound; the value has no blank at either end and no CR, LF or NUL.
 * Every call in the chunked read gets a heap copy of exactly the bytes
 * offered, so ASan catches a read past len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/authhdr.h"

struct item {
	enum pt_parse_status st;
	size_t off;
	enum pt_authhdr_kind kind;
	struct pt_span name, value;
};

static int is_name_char(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

static int is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* What authhdr.h says about the line d[0..n) (no LF inside): the item the
 * parser must give once the LF at d[n] is read. */
static void ref_line(const uint8_t *d, size_t n, int first, struct item *it)
{
	size_t body = n, i, v, e;

	memset(it, 0, sizeof(*it));
	it->st = PT_PARSE_INVALID;
	it->off = n + 1;
	if (body > 0 && d[body - 1] == '\r')
		body--;                 /* CR LF or LF */
	for (i = 0; i < body; i++)
		if (d[i] == '\r' || d[i] == '\0')
			return;
	it->st = PT_PARSE_DONE;
	if (body == 0) {
		it->kind = PT_AUTHHDR_END;
		return;
	}
	if (first && body >= 5 && memcmp(d, "HTTP/", 5) == 0) {
		it->kind = PT_AUTHHDR_STATUS;
		return;
	}
	for (i = 0; i < body && is_name_char(d[i]); i++)
		;
	if (i == 0 || i > PT_AUTHHDR_NAME_MAX || i == body || d[i] != ':') {
		it->st = PT_PARSE_INVALID;
		return;
	}
	it->kind = PT_AUTHHDR_FIELD;
	it->name.off = 0;
	it->name.len = (uint32_t)i;
	for (v = i + 1; v < body && is_blank(d[v]); v++)
		;
	for (e = body; e > v && is_blank(d[e - 1]); e--)
		;
	/* An all-blank value is empty and sits at the line end. */
	it->value.off = (uint32_t)(v < e ? v : body);
	it->value.len = (uint32_t)(e - v);
}

static void check_call(const struct pt_authhdr_parser *P, const uint8_t *buf,
                       enum pt_parse_status st, size_t before, size_t len)
{
	if (P->off < before || P->off > len)
		abort();
	if (st == PT_PARSE_MORE && P->off != len)
		abort();
	if (st != PT_PARSE_MORE && st != PT_PARSE_DONE && st != PT_PARSE_INVALID)
		abort();
	if (st != PT_PARSE_DONE || P->kind != PT_AUTHHDR_FIELD)
		return;
	if (P->name.len == 0 || P->name.len > PT_AUTHHDR_NAME_MAX ||
	    (size_t)P->name.off + P->name.len > P->off ||
	    (size_t)P->value.off + P->value.len > P->off)
		abort();
	for (uint32_t i = 0; i < P->value.len; i++) {
		uint8_t c = buf[P->value.off + i];
		if (c == '\r' || c == '\n' || c == '\0')
			abort();
	}
	if (P->value.len &&
	    (is_blank(buf[P->value.off]) || is_blank(buf[P->value.off + P->value.len - 1])))
		abort();
}

static void take(struct item *it, const struct pt_authhdr_parser *P, enum pt_parse_status st)
{
	memset(it, 0, sizeof(*it));
	it->st = st;
	it->off = P->off;
	if (st == PT_PARSE_DONE) {
		it->kind = P->kind;
		if (P->kind == PT_AUTHHDR_FIELD) {
			it->name = P->name;
			it->value = P->value;
		}
	}
}

static int same(const struct item *a, const struct item *b)
{
	return a->st == b->st && a->off == b->off && a->kind == b->kind &&
	       a->name.off == b->name.off && a->name.len == b->name.len &&
	       a->value.off == b->value.off && a->value.len == b->value.len;
}

/* The next line is a reply's first after an END (and at the start). */
static int next_first(const struct item *it)
{
	return it->st == PT_PARSE_DONE && it->kind == PT_AUTHHDR_END;
}

/* Whole read: every line against the reference; returns the item count. */
static size_t read_whole(const uint8_t *d, size_t n, struct item *items)
{
	struct pt_authhdr_parser P;
	size_t base = 0, k = 0;
	int first = 1;

	for (;;) {
		enum pt_parse_status st;
		const uint8_t *lf;
		struct item want;

		pt_authhdr_init(&P, first);
		st = pt_authhdr_parse(&P, d + base, n - base);
		check_call(&P, d + base, st, 0, n - base);
		lf = memchr(d + base, '\n', n - base);
		if (st == PT_PARSE_MORE) {
			if (lf != NULL)
				abort();        /* a complete line left unanswered */
			return k;
		}
		if (lf == NULL)
			abort();
		ref_line(d + base, (size_t)(lf - (d + base)), first, &want);
		take(&items[k], &P, st);
		if (!same(&items[k], &want))
			abort();
		first = next_first(&items[k]);
		k++;
		base += P.off;
	}
}

static void read_chunked(const uint8_t *d, size_t n, const struct item *items, size_t nitems)
{
	struct pt_authhdr_parser P;
	uint32_t seed = 0x9e3779b9u ^ (n ? d[0] : 0);
	unsigned maxc = 1 + (n ? d[0] % 16 : 0);
	size_t base = 0, fed = 0, k = 0;

	pt_authhdr_init(&P, 1);
	while (fed < n) {
		fed = fz_feed_more(fed, n, maxc, &seed);
		for (;;) {
			size_t len = fed - base, before = P.off;
			uint8_t *buf = malloc(len ? len : 1);
			enum pt_parse_status st;
			struct item got;

			if (buf == NULL)
				abort();
			memcpy(buf, d + base, len);
			st = pt_authhdr_parse(&P, buf, len);
			check_call(&P, buf, st, before, len);
			free(buf);
			if (st == PT_PARSE_MORE)
				break;
			take(&got, &P, st);
			if (k >= nitems || !same(&got, &items[k]))
				abort();
			k++;
			base += P.off;
			pt_authhdr_init(&P, next_first(&got));
		}
	}
	if (k != nitems)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct item *items;
	size_t nitems;

	if (size > 64 * 1024)
		return 0;
	items = malloc((size + 1) * sizeof(*items));   /* each item is >= 1 byte */
	if (items == NULL)
		return 0;
	nitems = read_whole(data, size, items);
	read_chunked(data, size, items, nitems);
	free(items);
	return 0;
}
