/* Target: grammar/passwd.rl - auth_file lines (pt_passwd_parse). */
/*
 * Input: an auth_file, any number of lines.  The first byte also seeds
 * the chunk sizes (it is part of the file too, so the seeds are plain
 * auth_files).
 *
 * The input is read as a stream of lines twice: whole (each line in one
 * call over the rest of the input), and in chunks of 1..8 bytes from a
 * generator seeded by the first byte.  After each DONE or INVALID the
 * reader drops p->off bytes, re-initialises and goes on over the rest.
 * Checked, abort() on a violation:
 *   - both reads give the same items (status, off, kind, user and secret
 *     spans, every backend slot);
 *   - each item is what a plain reference reader of passwd.h's rules says
 *     about that line (ref_line below, no Ragel);
 *   - p->off never goes back, stays <= len, and equals len on MORE; a
 *     DONE or INVALID line ends in LF at p->off - 1 and holds no other;
 *   - a DONE entry: its spans lie inside the line, the user is 1..
 *     PT_PASSWD_USER_MAX bytes without ':' CR LF NUL, the secret at most
 *     PT_PASSWD_SECRET_MAX without them, at least one backend is set, and
 *     every set backend has a port in 1..65535 and a non-empty address.
 * Every call in the chunked read gets a heap copy of exactly the bytes
 * offered, so ASan catches a read past len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/passwd.h"

struct item {
	enum pt_parse_status st;
	size_t off;
	enum pt_passwd_kind kind;
	struct pt_span user, secret;
	struct pt_passwd_backend backend[PT_PASSWD_NPROTO];
};

static int is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

static int is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static int is_v4_char(uint8_t c)
{
	return is_digit(c) || c == '.';
}

static int is_v6_char(uint8_t c)
{
	return is_v4_char(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
}

static int is_field_char(uint8_t c)
{
	return c != ':' && c != '\r' && c != '\n' && c != '\0';
}

/* Skip the blanks at d[*i]; returns how many (the caller bounds them). */
static size_t ref_blanks(const uint8_t *d, size_t body, size_t *i)
{
	size_t k = 0;

	while (*i < body && is_blank(d[*i])) {
		(*i)++;
		k++;
	}
	return k;
}

/* One "proto=address:port" at d[*i]; 0 and *i past it, or -1. */
static int ref_backend(const uint8_t *d, size_t body, size_t *i, struct item *it)
{
	static const char *const names[PT_PASSWD_NPROTO] = { "imap", "pop3", "smtp", "sieve" };
	struct pt_passwd_backend *b = NULL;
	size_t a, port = 0, nd = 0, nl = 0;

	for (int k = 0; k < PT_PASSWD_NPROTO; k++) {
		nl = strlen(names[k]);
		if (body - *i > nl && memcmp(d + *i, names[k], nl) == 0 && d[*i + nl] == '=') {
			b = &it->backend[k];
			break;
		}
	}
	if (b == NULL || b->set)
		return -1;              /* unknown, or named twice */
	*i += nl + 1;
	b->set = 1;
	if (*i < body && d[*i] == '[') {
		a = ++*i;
		while (*i < body && is_v6_char(d[*i]))
			(*i)++;
		if (*i == a || *i - a > PT_PASSWD_ADDR_MAX || *i >= body || d[*i] != ']')
			return -1;
		b->v6 = 1;
		b->addr.off = (uint32_t)a;
		b->addr.len = (uint32_t)(*i - a);
		(*i)++;
	} else {
		a = *i;
		while (*i < body && is_v4_char(d[*i]))
			(*i)++;
		/* INET_ADDRSTRLEN - 1: the longest dotted quad. */
		if (*i == a || *i - a > 15)
			return -1;
		b->addr.off = (uint32_t)a;
		b->addr.len = (uint32_t)(*i - a);
	}
	if (*i >= body || d[*i] != ':')
		return -1;
	(*i)++;
	while (*i < body && is_digit(d[*i])) {
		if (++nd > 5)
			return -1;
		port = port * 10 + (size_t)(d[*i] - '0');
		(*i)++;
	}
	if (nd == 0 || port < 1 || port > 65535)
		return -1;
	b->port = (uint32_t)port;
	return 0;
}

/* An entry's fields from d[0..body) into it; 0, or -1 for a bad line. */
static int ref_entry(const uint8_t *d, size_t body, struct item *it)
{
	size_t i = 0, k;
	int nbe = 0;

	/* user ':' (not starting with '#' or a blank: those lines are skipped
	 * or refused before this) */
	while (i < body && is_field_char(d[i]))
		i++;
	if (i == 0 || i > PT_PASSWD_USER_MAX || i >= body || d[i] != ':')
		return -1;
	it->user.off = 0;
	it->user.len = (uint32_t)i;
	/* secret ':' */
	k = ++i;
	while (i < body && is_field_char(d[i]))
		i++;
	if (i - k > PT_PASSWD_SECRET_MAX || i >= body || d[i] != ':')
		return -1;
	it->secret.off = (uint32_t)k;
	it->secret.len = (uint32_t)(i - k);
	i++;
	/* blanks? backend (blanks backend){0,3} blanks? */
	if (ref_blanks(d, body, &i) > PT_PASSWD_BLANK_MAX)
		return -1;
	for (;;) {
		if (ref_backend(d, body, &i, it) != 0)
			return -1;
		nbe++;
		k = ref_blanks(d, body, &i);
		if (k > PT_PASSWD_BLANK_MAX)
			return -1;
		if (i == body)
			return 0;
		if (k == 0 || nbe == PT_PASSWD_NPROTO)
			return -1;
	}
}

/* What passwd.h says about the line d[0..n) (no LF inside): the item the
 * parser must give once the LF at d[n] is read.  Where passwd.h leaves a
 * choice open, this follows grammar/passwd.rl: blanks before the first
 * backend are allowed (as many as between two), a line of blanks is one
 * to skip up to PT_PASSWD_BLANK_MAX of them, and a comment (after as many
 * blanks) holds any byte but LF. */
static void ref_line(const uint8_t *d, size_t n, struct item *it)
{
	size_t body = n, i = 0, k;

	memset(it, 0, sizeof(*it));
	it->off = n + 1;
	it->st = PT_PARSE_DONE;
	/* Skip: blanks, then the line end or a comment. */
	k = ref_blanks(d, n, &i);
	if (k <= PT_PASSWD_BLANK_MAX &&
	    (i == n || (i == n - 1 && d[i] == '\r') || d[i] == '#')) {
		it->kind = PT_PASSWD_SKIP;
		return;
	}
	if (body > 0 && d[body - 1] == '\r')
		body--;                 /* CR LF or LF */
	/* A user does not start with a blank. */
	if (k == 0 && ref_entry(d, body, it) == 0) {
		it->kind = PT_PASSWD_ENTRY;
		return;
	}
	memset(it, 0, sizeof(*it));
	it->off = n + 1;
	it->st = PT_PARSE_INVALID;
}

static void check_call(const struct pt_passwd_parser *P, const uint8_t *buf,
                       enum pt_parse_status st, size_t before, size_t len)
{
	int nset = 0;

	if (P->off < before || P->off > len)
		abort();
	if (st == PT_PARSE_MORE) {
		if (P->off != len)
			abort();
		return;
	}
	if (st != PT_PARSE_DONE && st != PT_PARSE_INVALID)
		abort();
	/* Read to the LF that ends the line, and no further. */
	if (P->off == 0 || buf[P->off - 1] != '\n' || memchr(buf, '\n', P->off - 1) != NULL)
		abort();
	if (st != PT_PARSE_DONE)
		return;
	if (P->kind == PT_PASSWD_SKIP)
		return;
	if (P->kind != PT_PASSWD_ENTRY)
		abort();
	if (P->user.len == 0 || P->user.len > PT_PASSWD_USER_MAX ||
	    (size_t)P->user.off + P->user.len > P->off ||
	    P->secret.len > PT_PASSWD_SECRET_MAX ||
	    (size_t)P->secret.off + P->secret.len > P->off)
		abort();
	for (uint32_t i = 0; i < P->user.len; i++)
		if (!is_field_char(buf[P->user.off + i]))
			abort();
	for (uint32_t i = 0; i < P->secret.len; i++)
		if (!is_field_char(buf[P->secret.off + i]))
			abort();
	for (int i = 0; i < PT_PASSWD_NPROTO; i++) {
		const struct pt_passwd_backend *b = &P->backend[i];

		if (!b->set)
			continue;
		nset++;
		if (b->port < 1 || b->port > 65535 || b->addr.len == 0 ||
		    (size_t)b->addr.off + b->addr.len > P->off)
			abort();
	}
	if (nset == 0)
		abort();
}

static void take(struct item *it, const struct pt_passwd_parser *P, enum pt_parse_status st)
{
	memset(it, 0, sizeof(*it));
	it->st = st;
	it->off = P->off;
	if (st != PT_PARSE_DONE)
		return;
	it->kind = P->kind;
	if (P->kind != PT_PASSWD_ENTRY)
		return;
	it->user = P->user;
	it->secret = P->secret;
	for (int i = 0; i < PT_PASSWD_NPROTO; i++) {
		const struct pt_passwd_backend *b = &P->backend[i];

		if (!b->set)
			continue;
		it->backend[i].set = 1;
		it->backend[i].v6 = b->v6 != 0;
		it->backend[i].addr = b->addr;
		it->backend[i].port = b->port;
	}
}

static int same_span(struct pt_span a, struct pt_span b)
{
	return a.off == b.off && a.len == b.len;
}

static int same(const struct item *a, const struct item *b)
{
	if (a->st != b->st || a->off != b->off || a->kind != b->kind ||
	    !same_span(a->user, b->user) || !same_span(a->secret, b->secret))
		return 0;
	for (int i = 0; i < PT_PASSWD_NPROTO; i++) {
		const struct pt_passwd_backend *x = &a->backend[i], *y = &b->backend[i];

		if (x->set != y->set || x->v6 != y->v6 || x->port != y->port ||
		    !same_span(x->addr, y->addr))
			return 0;
	}
	return 1;
}

/* Whole read: every line against the reference; returns the item count. */
static size_t read_whole(const uint8_t *d, size_t n, struct item *items)
{
	struct pt_passwd_parser P;
	size_t base = 0, k = 0;

	for (;;) {
		enum pt_parse_status st;
		const uint8_t *lf;
		struct item want;

		pt_passwd_init(&P);
		st = pt_passwd_parse(&P, d + base, n - base);
		check_call(&P, d + base, st, 0, n - base);
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
	struct pt_passwd_parser P;
	uint32_t seed = 0x9e3779b9u ^ (n ? d[0] : 0);
	size_t base = 0, fed = 0, k = 0;

	pt_passwd_init(&P);
	while (fed < n) {
		fed = fz_feed_more(fed, n, 8, &seed);
		for (;;) {
			size_t len = fed - base, before = P.off;
			uint8_t *buf = malloc(len ? len : 1);
			enum pt_parse_status st;
			struct item got;

			if (buf == NULL)
				abort();
			memcpy(buf, d + base, len);
			st = pt_passwd_parse(&P, buf, len);
			check_call(&P, buf, st, before, len);
			free(buf);
			if (st == PT_PARSE_MORE)
				break;
			take(&got, &P, st);
			if (k >= nitems || !same(&got, &items[k]))
				abort();
			k++;
			base += P.off;
			pt_passwd_init(&P);
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

	/* The chunked read copies the current line at each call: keep the
	 * worst case (one long line) quadratic in a small n. */
	if (size > 16 * 1024)
		return 0;
	items = malloc((size + 1) * sizeof(*items));   /* each item is >= 1 byte */
	if (items == NULL)
		return 0;
	nitems = read_whole(data, size, items);
	read_chunked(data, size, items, nitems);
	free(items);
	return 0;
}
