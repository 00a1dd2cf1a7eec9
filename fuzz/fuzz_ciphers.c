/* Target: grammar/ciphers.rl and src/conf/ciphers.c - "ssl_ciphers" strings. */
/*
 * Input: an OpenSSL cipher string (at most PT_CONF_WORD_MAX bytes, the
 * longest config word).  The first byte also seeds the chunk sizes (it is
 * part of the string too, so the seeds are plain strings).
 *
 * The elements are read twice: whole (each element in one call, last = 1)
 * and in chunks of 1..8 bytes from a generator seeded by the first byte
 * (last = 1 only once every byte is in).  After each DONE the reader drops
 * p->off bytes, re-initialises and goes on.  Checked, abort() on a
 * violation:
 *   - both reads give the same items (status, off, kind, op, level, word
 *     spans, err);
 *   - each item is what a plain reference reader of ciphers_lex.h's rules
 *     says (ref_item below, no Ragel), INVALID offsets and reasons too;
 *   - p->off never goes back, stays <= len, and equals len on MORE; a rule
 *     has 1..PT_CIPHERS_PARTS_MAX words of 1..PT_CIPHERS_WORD_MAX word
 *     bytes inside the item.
 * Then pt_ciphers_parse() runs twice and must give the same result, and:
 * SYNTAX has its offset inside the string; otherwise the whole list has no
 * repeat, the suites are postern's, each once, in the list's order (all of
 * them that are in it, unless @SECLEVEL drops some), NONE exactly when
 * there are none, and every note is a span of word bytes of the string.
 * Every call in the chunked read gets a heap copy of exactly the bytes
 * offered, so ASan catches a read past len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "conf/ciphers.h"
#include "proto/ciphers_lex.h"
#include "util/limits.h"

struct item {
	enum pt_parse_status st;
	size_t off;
	enum pt_ciphers_kind kind;
	enum pt_ciphers_op op;
	int level;
	enum pt_ciphers_err err;
	size_t n_words;
	struct pt_span word[PT_CIPHERS_PARTS_MAX];
};

static int is_sep(uint8_t c)
{
	return c == ':' || c == ',' || c == ';' || c == ' ';
}

static int is_wbyte(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '=' || c == '_';
}

/* ---- reference reader ------------------------------------------------------ */

static void ref_fail(struct item *it, enum pt_ciphers_err err, size_t at)
{
	memset(it, 0, sizeof(*it));
	it->st = PT_PARSE_INVALID;
	it->err = err;
	it->off = at;
}

/* "@..." at d[i]: 0 and *i past it, or -1 with the error set. */
static int ref_special(const uint8_t *d, size_t n, size_t *i, struct item *it)
{
	static const char *const lit[] = { "STRENGTH", "SECLEVEL=0", "SECLEVEL=1", "SECLEVEL=2",
	                                   "SECLEVEL=3", "SECLEVEL=4", "SECLEVEL=5" };
	size_t best = 0;

	(*i)++;
	for (size_t k = 0; k < sizeof(lit) / sizeof(lit[0]); k++) {
		size_t m = 0, ln = strlen(lit[k]);

		while (m < ln && *i + m < n && d[*i + m] == (uint8_t)lit[k][m])
			m++;
		if (m == ln) {
			*i += ln;
			it->kind = k ? PT_CIPHERS_SECLEVEL : PT_CIPHERS_STRENGTH;
			it->level = k ? (int)k - 1 : 0;
			return 0;
		}
		if (m > best)
			best = m;
	}
	ref_fail(it, *i + best == n ? PT_CIPHERS_ERR_END : PT_CIPHERS_ERR_BYTE, *i + best);
	return -1;
}

/* A rule at d[*i]: 0 and *i past it, or -1 with the error set. */
static int ref_rule(const uint8_t *d, size_t n, size_t *i, struct item *it)
{
	it->kind = PT_CIPHERS_RULE;
	it->op = PT_CIPHERS_ADD;
	if (d[*i] == '-' || d[*i] == '!' || d[*i] == '+') {
		it->op = d[*i] == '-' ? PT_CIPHERS_DEL : d[*i] == '!' ? PT_CIPHERS_KILL : PT_CIPHERS_ORD;
		(*i)++;
	} else if (!is_wbyte(d[*i])) {
		ref_fail(it, PT_CIPHERS_ERR_BYTE, *i);
		return -1;
	}
	for (;;) {
		size_t w = *i;

		if (*i == n) {
			ref_fail(it, PT_CIPHERS_ERR_END, *i);
			return -1;
		}
		if (!is_wbyte(d[*i])) {
			ref_fail(it, PT_CIPHERS_ERR_BYTE, *i);
			return -1;
		}
		if (it->n_words == PT_CIPHERS_PARTS_MAX) {
			ref_fail(it, PT_CIPHERS_ERR_PARTS, *i);
			return -1;
		}
		while (*i < n && is_wbyte(d[*i]))
			(*i)++;
		if (*i - w > PT_CIPHERS_WORD_MAX) {
			ref_fail(it, PT_CIPHERS_ERR_LONG, w + PT_CIPHERS_WORD_MAX);
			return -1;
		}
		it->word[it->n_words].off = (uint32_t)w;
		it->word[it->n_words].len = (uint32_t)(*i - w);
		it->n_words++;
		if (*i == n || d[*i] != '+')
			return 0;
		(*i)++;
	}
}

/* The next item of d[0..n), which holds the rest of the string. */
static void ref_item(const uint8_t *d, size_t n, struct item *it)
{
	size_t i = 0;

	memset(it, 0, sizeof(*it));
	it->st = PT_PARSE_DONE;
	while (i < n && is_sep(d[i]))
		i++;
	if (i == n) {
		it->kind = PT_CIPHERS_END;
		it->off = n;
		return;
	}
	if (d[i] == '@' ? ref_special(d, n, &i, it) : ref_rule(d, n, &i, it))
		return;
	if (i < n && !is_sep(d[i])) {
		ref_fail(it, PT_CIPHERS_ERR_BYTE, i);
		return;
	}
	it->off = i < n ? i + 1 : n;
}

/* ---- the machine --------------------------------------------------------- */

static void take(struct item *it, const struct pt_ciphers_lex *L, enum pt_parse_status st)
{
	memset(it, 0, sizeof(*it));
	it->st = st;
	it->off = L->off;
	if (st == PT_PARSE_INVALID) {
		it->err = L->err;
		return;
	}
	it->kind = L->kind;
	if (L->kind == PT_CIPHERS_SECLEVEL)
		it->level = L->level;
	if (L->kind != PT_CIPHERS_RULE)
		return;
	it->op = L->op;
	it->n_words = L->n_words;
	memcpy(it->word, L->word, L->n_words * sizeof(L->word[0]));
}

static int same(const struct item *a, const struct item *b)
{
	if (a->st != b->st || a->off != b->off || a->kind != b->kind || a->op != b->op ||
	    a->level != b->level || a->err != b->err || a->n_words != b->n_words)
		return 0;
	for (size_t i = 0; i < a->n_words; i++)
		if (a->word[i].off != b->word[i].off || a->word[i].len != b->word[i].len)
			return 0;
	return 1;
}

static void check_call(const struct pt_ciphers_lex *L, const uint8_t *buf,
                       enum pt_parse_status st, size_t before, size_t len, int last)
{
	if (L->off > len)
		abort();
	if (st == PT_PARSE_MORE) {
		if (last || L->off != len || L->off < before)
			abort();
		return;
	}
	if (st == PT_PARSE_INVALID) {
		if (L->err == PT_CIPHERS_ERR_NONE)
			abort();
		return;
	}
	if (st != PT_PARSE_DONE || L->off < before)
		abort();
	if (L->kind != PT_CIPHERS_RULE)
		return;
	if (L->n_words < 1 || L->n_words > PT_CIPHERS_PARTS_MAX)
		abort();
	for (size_t i = 0; i < L->n_words; i++) {
		if (L->word[i].len < 1 || L->word[i].len > PT_CIPHERS_WORD_MAX ||
		    (size_t)L->word[i].off + L->word[i].len > L->off)
			abort();
		for (uint32_t k = 0; k < L->word[i].len; k++)
			if (!is_wbyte(buf[L->word[i].off + k]))
				abort();
	}
}

/* Whole read, each item against the reference; returns the item count. */
static size_t read_whole(const uint8_t *d, size_t n, struct item *items)
{
	struct pt_ciphers_lex L;
	size_t base = 0, k = 0;

	for (;;) {
		enum pt_parse_status st;
		struct item want;

		pt_ciphers_lex_init(&L);
		st = pt_ciphers_lex(&L, d + base, n - base, 1);
		check_call(&L, d + base, st, 0, n - base, 1);
		ref_item(d + base, n - base, &want);
		take(&items[k], &L, st);
		if (!same(&items[k], &want))
			abort();
		k++;
		if (st != PT_PARSE_DONE || L.kind == PT_CIPHERS_END)
			return k;
		base += L.off;
	}
}

static void read_chunked(const uint8_t *d, size_t n, const struct item *items, size_t nitems)
{
	struct pt_ciphers_lex L;
	uint32_t seed = 0x9e3779b9u ^ (n ? d[0] : 0);
	size_t base = 0, fed = 0, k = 0;

	pt_ciphers_lex_init(&L);
	for (;;) {
		fed = fz_feed_more(fed, n, 8, &seed);
		for (;;) {
			size_t len = fed - base, before = L.off;
			uint8_t *buf = malloc(len ? len : 1);
			enum pt_parse_status st;
			struct item got;

			if (buf == NULL)
				abort();
			memcpy(buf, d + base, len);
			st = pt_ciphers_lex(&L, buf, len, fed == n);
			check_call(&L, buf, st, before, len, fed == n);
			free(buf);
			if (st == PT_PARSE_MORE)
				break;
			take(&got, &L, st);
			if (k >= nitems || !same(&got, &items[k]))
				abort();
			k++;
			if (st != PT_PARSE_DONE || L.kind == PT_CIPHERS_END) {
				if (k != nitems)
					abort();
				return;
			}
			base += L.off;
			pt_ciphers_lex_init(&L);
		}
	}
}

/* ---- the selection ------------------------------------------------------- */

static int is_offered(uint16_t id)
{
	for (size_t i = 0; i < PT_CONF_SUITES_MAX; i++)
		if (pt_ciphers_offer[i] == id)
			return 1;
	return 0;
}

static void check_parse(const uint8_t *d, size_t n)
{
	static struct pt_ciphers_result a, b;
	enum pt_ciphers_status st = pt_ciphers_parse((const char *)d, n, &a);
	uint8_t seen[PT_CIPHERS_N];
	size_t j = 0, tls13 = 0;

	if (pt_ciphers_parse((const char *)d, n, &b) != st || memcmp(&a, &b, sizeof(a)) != 0)
		abort();
	if (st == PT_CIPHERS_SYNTAX) {
		if (a.err == PT_CIPHERS_ERR_NONE || a.err_off > n || a.n != 0)
			abort();
		return;
	}
	if ((st == PT_CIPHERS_NONE) != (a.n == 0) || a.n > PT_CONF_SUITES_MAX ||
	    a.n_list > PT_CIPHERS_N || a.n_notes > PT_CIPHERS_NOTES_MAX || a.seclevel > 5)
		abort();
	memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < a.n_list; i++) {
		uint8_t k = a.list[i];
		uint16_t id;

		if (k >= PT_CIPHERS_N || seen[k]++)
			abort();
		/* The suites are the list's offered ones, in its order. */
		id = 0;
		for (size_t m = 0; m < PT_CONF_SUITES_MAX; m++)
			if (strcmp(pt_ciphers_name(k), pt_ciphers_offer_name(pt_ciphers_offer[m])) == 0)
				id = pt_ciphers_offer[m];
		if (id == 0)
			continue;
		if (j < a.n && a.ids[j] == id)
			j++;
		else if (a.seclevel < 4 || (id != PT_TLS_ECDHE_ECDSA_AES128_GCM_SHA256 &&
		                            id != PT_TLS_ECDHE_RSA_AES128_GCM_SHA256))
			abort();    /* only @SECLEVEL=4 and 5 drop, and only AES-128 */
	}
	if (j != a.n)
		abort();
	for (size_t i = 0; i < a.n; i++)
		if (!is_offered(a.ids[i]))
			abort();
	for (size_t i = 0; i < a.n_notes; i++) {
		const struct pt_ciphers_note *o = &a.notes[i];

		if (o->word.len == 0 || (size_t)o->word.off + o->word.len > n)
			abort();
		for (uint32_t k = 0; k < o->word.len; k++)
			if (!is_wbyte(d[o->word.off + k]))
				abort();
		tls13 += o->kind == PT_CIPHERS_NOTE_TLS13;
	}
	if (tls13 > 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct item *items;
	size_t nitems;

	if (size > PT_CONF_WORD_MAX)
		return 0;
	items = malloc((size + 1) * sizeof(*items));   /* each item but the last is >= 1 byte */
	if (items == NULL)
		return 0;
	nitems = read_whole(data, size, items);
	read_chunked(data, size, items, nitems);
	free(items);
	check_parse(data, size);
	return 0;
}
