/* Target: grammar/imap_resp.rl - IMAP backend reply lines (pt_imap_resp_parse). */
/*
 * Input: the bytes a backend sends, any number of lines.  The first byte
 * also seeds the chunk sizes (it is part of the stream too, so the seeds
 * are plain transcripts).
 *
 * The input is read twice, as the core reads proxy_buffer: whole, and in
 * chunks of 1..16 bytes from a generator seeded by the first byte.  After
 * each DONE or INVALID the reader drops p->off bytes, re-initialises and
 * goes on over the rest.  Checked, abort() on a violation:
 *   - both reads give the same items (status, length, kind, cond, tag);
 *   - each item is what a plain reference reader of imap_resp.h's rules
 *     says about that line (ref_line below, no Ragel);
 *   - p->off never goes back, stays <= len, and equals len on MORE;
 *   - the tag span lies inside [0, p->off] and within the tag bound.
 * Every call in the chunked read gets a heap copy of exactly the bytes
 * offered, so ASan catches a read past len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/imap_resp.h"

struct item {
	enum pt_parse_status st;
	size_t off;
	enum pt_imap_resp_kind kind;
	enum pt_imap_resp_cond cond;
	struct pt_span tag;
};

static int is_tag_char(uint8_t c)
{
	return c > 0x20 && c < 0x7f && strchr("(){%*\"\\+", c) == NULL;
}

static enum pt_imap_resp_cond ref_cond(const uint8_t *w, size_t n)
{
	static const struct { const char *s; enum pt_imap_resp_cond c; } kw[] = {
		{ "OK", PT_IMAP_COND_OK }, { "NO", PT_IMAP_COND_NO }, { "BAD", PT_IMAP_COND_BAD },
		{ "PREAUTH", PT_IMAP_COND_PREAUTH }, { "BYE", PT_IMAP_COND_BYE },
	};
	for (size_t k = 0; k < sizeof(kw) / sizeof(kw[0]); k++) {
		if (strlen(kw[k].s) != n)
			continue;
		size_t i = 0;
		while (i < n && (w[i] & 0xdf) == (uint8_t)kw[k].s[i])
			i++;
		if (i == n)
			return kw[k].c;
	}
	return PT_IMAP_COND_OTHER;
}

/* The word at b[i..], ending at SP or the end of the body; 0 if empty. */
static size_t ref_word(const uint8_t *b, size_t n, size_t i)
{
	size_t j = i;

	while (j < n && b[j] != ' ')
		j++;
	return j - i;
}

/* What imap_resp.h says about the line d[0..n) (no LF inside): the item
 * the parser must give once the LF at d[n] is read. */
static void ref_line(const uint8_t *d, size_t n, struct item *it)
{
	size_t body, i, w;

	memset(it, 0, sizeof(*it));
	it->st = PT_PARSE_INVALID;
	it->off = n + 1;
	if (n == 0 || d[n - 1] != '\r')
		return;                 /* CRLF only */
	body = n - 1;
	for (i = 0; i < body; i++)
		if (d[i] == '\r' || d[i] == '\0')
			return;
	if (body == 0)
		return;
	if (d[0] == '+') {
		if (body == 1 || d[1] == ' ') {
			it->st = PT_PARSE_DONE;
			it->kind = PT_IMAP_RESP_CONTINUE;
		}
		return;
	}
	if (d[0] == '*') {
		if (body < 2 || d[1] != ' ' || (w = ref_word(d, body, 2)) == 0)
			return;
		it->st = PT_PARSE_DONE;
		it->kind = PT_IMAP_RESP_UNTAGGED;
		it->cond = ref_cond(d + 2, w);
		return;
	}
	for (i = 0; i < body && is_tag_char(d[i]); i++)
		;
	if (i == 0 || i > PT_IMAP_RESP_TAG_MAX || i == body || d[i] != ' ')
		return;
	if ((w = ref_word(d, body, i + 1)) == 0)
		return;
	it->st = PT_PARSE_DONE;
	it->kind = PT_IMAP_RESP_TAGGED;
	it->cond = ref_cond(d + i + 1, w);
	it->tag.off = 0;
	it->tag.len = (uint32_t)i;
}

static void check_call(const struct pt_imap_resp_parser *P, enum pt_parse_status st,
                       size_t before, size_t len)
{
	if (P->off < before || P->off > len)
		abort();
	if (st == PT_PARSE_MORE && P->off != len)
		abort();
	if (st == PT_PARSE_DONE && P->kind == PT_IMAP_RESP_TAGGED &&
	    (P->tag.len == 0 || P->tag.len > PT_IMAP_RESP_TAG_MAX ||
	     (size_t)P->tag.off + P->tag.len > P->off))
		abort();
	if (st != PT_PARSE_MORE && st != PT_PARSE_DONE && st != PT_PARSE_INVALID)
		abort();
}

static void take(struct item *it, const struct pt_imap_resp_parser *P, enum pt_parse_status st)
{
	memset(it, 0, sizeof(*it));
	it->st = st;
	it->off = P->off;
	if (st == PT_PARSE_DONE) {
		it->kind = P->kind;
		it->cond = P->cond;
		if (P->kind == PT_IMAP_RESP_TAGGED)
			it->tag = P->tag;
	}
}

static int same(const struct item *a, const struct item *b)
{
	return a->st == b->st && a->off == b->off && a->kind == b->kind && a->cond == b->cond &&
	       a->tag.off == b->tag.off && a->tag.len == b->tag.len;
}

/* Whole read: every line against the reference; returns the item count. */
static size_t read_whole(const uint8_t *d, size_t n, struct item *items)
{
	struct pt_imap_resp_parser P;
	size_t base = 0, k = 0;

	for (;;) {
		enum pt_parse_status st;
		const uint8_t *lf;
		struct item want;

		pt_imap_resp_init(&P);
		st = pt_imap_resp_parse(&P, d + base, n - base);
		check_call(&P, st, 0, n - base);
		lf = memchr(d + base, '\n', n - base);
		if (st == PT_PARSE_MORE) {
			if (lf != NULL)
				abort();        /* a complete line left unanswered */
			return k;
		}
		if (lf == NULL)
			abort();
		ref_line(d + base, (size_t)(lf - (d + base)), &want);
		take(&items[k], &P, st);
		if (!same(&items[k], &want))
			abort();
		k++;
		base += P.off;
	}
}

static void read_chunked(const uint8_t *d, size_t n, const struct item *items, size_t nitems)
{
	struct pt_imap_resp_parser P;
	uint32_t seed = 0x9e3779b9u ^ (n ? d[0] : 0);
	unsigned maxc = 1 + (n ? d[0] % 16 : 0);
	size_t base = 0, fed = 0, k = 0;

	pt_imap_resp_init(&P);
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
			st = pt_imap_resp_parse(&P, buf, len);
			free(buf);
			check_call(&P, st, before, len);
			if (st == PT_PARSE_MORE)
				break;
			take(&got, &P, st);
			if (k >= nitems || !same(&got, &items[k]))
				abort();
			k++;
			base += P.off;
			pt_imap_resp_init(&P);
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
