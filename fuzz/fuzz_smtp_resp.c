/* Target: grammar/smtp_resp.rl - SMTP backend replies, single- and multi-line (pt_smtp_resp_parse). */
/*
 * Input: the bytes a backend sends, any number of replies.  The first byte
 * also seeds the chunk sizes (it is part of the stream too, so the seeds
 * are plain transcripts).
 *
 * The input is read twice, as the core reads proxy_buffer: whole, and in
 * chunks of 1..16 bytes from a generator seeded by the first byte.  After
 * each DONE or INVALID the reader drops p->off bytes, re-initialises and
 * goes on over the rest.  Checked, abort() on a violation:
 *   - both reads give the same items (status, length, code, lines, the
 *     four EHLO flags);
 *   - each item is what a plain reference reader of smtp_resp.h's rules
 *     says about those lines (ref_reply below, no Ragel);
 *   - p->off never goes back, stays <= len, and equals len on MORE;
 *     lines <= PT_SMTP_RESP_LINES_MAX on DONE; the code is in 100..599
 *     (the grammar's 100..559) on DONE and 0 on INVALID, with no flag set;
 *     DONE ends in CRLF, INVALID in LF.
 * Every call in the chunked read gets a heap copy of exactly the bytes
 * offered, so ASan catches a read past len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/smtp_resp.h"

struct item {
	enum pt_parse_status st;
	size_t off;
	unsigned code;
	unsigned lines;
	int plain, login, xclient, starttls;
};

static int ref_word(const uint8_t *t, size_t n, const char *w)
{
	size_t k = strlen(w);

	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if ((t[i] & 0xdf) != (uint8_t)w[i])
			return 0;
	return 1;
}

/* The text of a line after the first: an EHLO keyword at its start. */
static void ref_ehlo(const uint8_t *t, size_t n, struct item *it)
{
	if (ref_word(t, n, "AUTH") && n > 4 && (t[4] == ' ' || t[4] == '=')) {
		size_t i = 5, k;
		for (;;) {
			while (i < n && t[i] == ' ')
				i++;
			if (i == n)
				break;
			for (k = i; k < n && t[k] != ' '; k++)
				;
			if (k - i == 5 && ref_word(t + i, 5, "PLAIN"))
				it->plain = 1;
			if (k - i == 5 && ref_word(t + i, 5, "LOGIN"))
				it->login = 1;
			i = k;
		}
	}
	if (ref_word(t, n, "XCLIENT") && (n == 7 || t[7] == ' '))
		it->xclient = 1;
	if (ref_word(t, n, "STARTTLS") && (n == 8 || t[8] == ' '))
		it->starttls = 1;
}

/* What smtp_resp.h says about d[0..n): returns 0 if no item is complete
 * (MORE), else 1 with the item. */
static int ref_reply(const uint8_t *d, size_t n, struct item *it)
{
	size_t pos = 0;

	memset(it, 0, sizeof(*it));
	for (unsigned i = 0;; i++) {
		const uint8_t *lf = pos < n ? memchr(d + pos, '\n', n - pos) : NULL;
		const uint8_t *b = d + pos;
		size_t body;

		if (lf == NULL)
			return 0;
		it->off = (size_t)(lf - d) + 1;
		it->lines = i + 1;
		body = (size_t)(lf - b);
		/* CRLF only; no CR or NUL before it; a code; the bound. */
		if (body == 0 || b[body - 1] != '\r')
			goto invalid;
		body--;
		if (memchr(b, '\r', body) != NULL || memchr(b, 0, body) != NULL)
			goto invalid;
		if (body < 3 || i >= PT_SMTP_RESP_LINES_MAX)
			goto invalid;
		if (i == 0) {
			if (b[0] < '1' || b[0] > '5' || b[1] < '0' || b[1] > '5' || b[2] < '0' ||
			    b[2] > '9')
				goto invalid;
			it->code = (unsigned)(b[0] - '0') * 100 + (unsigned)(b[1] - '0') * 10 +
			           (unsigned)(b[2] - '0');
		} else if ((unsigned)b[0] != '0' + it->code / 100 ||
		           (unsigned)b[1] != '0' + it->code / 10 % 10 ||
		           (unsigned)b[2] != '0' + it->code % 10) {
			goto invalid;
		}
		if (body > 3 && b[3] != '-' && b[3] != ' ')
			goto invalid;
		if (i > 0 && body > 4)
			ref_ehlo(b + 4, body - 4, it);
		pos = it->off;
		if (body == 3 || b[3] == ' ') {
			it->st = PT_PARSE_DONE;
			return 1;
		}
	}
invalid:
	it->st = PT_PARSE_INVALID;
	it->code = 0;
	it->plain = it->login = it->xclient = it->starttls = 0;
	return 1;
}

static void check_call(const struct pt_smtp_resp_parser *R, enum pt_parse_status st,
                       size_t before, size_t len, const uint8_t *buf)
{
	if (R->off < before || R->off > len || R->mark > R->off)
		abort();
	switch (st) {
	case PT_PARSE_MORE:
		if (R->off != len || R->lines > PT_SMTP_RESP_LINES_MAX)
			abort();
		break;
	case PT_PARSE_DONE:
		if (R->code < 100 || R->code > 599 || R->lines < 1 ||
		    R->lines > PT_SMTP_RESP_LINES_MAX || R->off < 5 || buf[R->off - 2] != '\r' ||
		    buf[R->off - 1] != '\n')
			abort();
		break;
	case PT_PARSE_INVALID:
		if (R->code != 0 || R->ehlo_auth_plain || R->ehlo_auth_login || R->ehlo_xclient ||
		    R->ehlo_starttls || R->lines < 1 || R->lines > PT_SMTP_RESP_LINES_MAX + 1 ||
		    R->off < 1 || buf[R->off - 1] != '\n')
			abort();
		break;
	default:
		abort();
	}
}

static void take(struct item *it, const struct pt_smtp_resp_parser *R, enum pt_parse_status st)
{
	memset(it, 0, sizeof(*it));
	it->st = st;
	it->off = R->off;
	it->code = R->code;
	it->lines = R->lines;
	it->plain = R->ehlo_auth_plain;
	it->login = R->ehlo_auth_login;
	it->xclient = R->ehlo_xclient;
	it->starttls = R->ehlo_starttls;
}

static int same(const struct item *a, const struct item *b)
{
	return a->st == b->st && a->off == b->off && a->code == b->code && a->lines == b->lines &&
	       !a->plain == !b->plain && !a->login == !b->login && !a->xclient == !b->xclient &&
	       !a->starttls == !b->starttls;
}

/* Whole read: every reply against the reference; returns the item count. */
static size_t read_whole(const uint8_t *d, size_t n, struct item *items)
{
	struct pt_smtp_resp_parser R;
	size_t base = 0, k = 0;

	for (;;) {
		enum pt_parse_status st;
		struct item want;
		int complete;

		pt_smtp_resp_init(&R);
		st = pt_smtp_resp_parse(&R, d + base, n - base);
		check_call(&R, st, 0, n - base, d + base);
		complete = ref_reply(d + base, n - base, &want);
		if (st == PT_PARSE_MORE) {
			if (complete)
				abort();        /* a complete reply left unanswered */
			return k;
		}
		take(&items[k], &R, st);
		if (!complete || !same(&items[k], &want))
			abort();
		k++;
		base += R.off;
	}
}

static void read_chunked(const uint8_t *d, size_t n, const struct item *items, size_t nitems)
{
	struct pt_smtp_resp_parser R;
	uint32_t seed = 0x9e3779b9u ^ (n ? d[0] : 0);
	unsigned maxc = 1 + (n ? d[0] % 16 : 0);
	size_t base = 0, fed = 0, k = 0;

	pt_smtp_resp_init(&R);
	while (fed < n) {
		fed = fz_feed_more(fed, n, maxc, &seed);
		for (;;) {
			size_t len = fed - base, before = R.off;
			uint8_t *buf = malloc(len ? len : 1);
			enum pt_parse_status st;
			struct item got;

			if (buf == NULL)
				abort();
			memcpy(buf, d + base, len);
			st = pt_smtp_resp_parse(&R, buf, len);
			check_call(&R, st, before, len, buf);
			free(buf);
			if (st == PT_PARSE_MORE)
				break;
			take(&got, &R, st);
			if (k >= nitems || !same(&got, &items[k]))
				abort();
			k++;
			base += R.off;
			pt_smtp_resp_init(&R);
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
