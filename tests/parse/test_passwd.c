/*
 * Parse vectors for grammar/passwd.rl: auth_file lines (src/proto/passwd.h
 * has the contract).  Each vector is one or more lines, fed the way a
 * reader of the file would: whole, split at every point into two chunks,
 * and byte by byte.  After DONE or INVALID the driver drops p->off bytes
 * and re-initialises, so a vector may hold several lines.  All three feeds
 * must give the same items (status, off, kind, every span, every backend
 * slot) and the same dump, and that dump the expected one.
 *
 * Dump: one item per line read, separated by spaces:
 *   K@n                       a line to skip (comment, blank), n bytes
 *   E[user][secret] be...@n   an entry; an empty secret also shows its
 *                             offset: []^off.  The backends follow in slot
 *                             order (imap, pop3, smtp), whatever the order
 *                             of the line: " imap=A:P", IPv6 as "[A]:P".
 *   !@n                       INVALID, n bytes up to and including the LF
 * then " more(k)" if k bytes of an unfinished line are left.
 * Every call gets a heap copy of exactly the bytes offered, so ASan sees
 * any read past len.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "proto/passwd.h"
#include "util/buf.h"

#define MAX_ITEMS 16

/* What a feed saw of one line: compared field by field across feeds. */
struct item {
	enum pt_parse_status st;
	size_t off;
	enum pt_passwd_kind kind;
	struct pt_span user, secret;
	struct pt_passwd_backend backend[PT_PASSWD_NPROTO];
};

struct feed {
	struct pt_wbuf w;
	uint8_t mem[8192];
	struct item items[MAX_ITEMS];
	size_t nitems;
};

static const char *const proto_name[PT_PASSWD_NPROTO] = { "imap", "pop3", "smtp", "sieve" };

static void put_bytes(struct feed *f, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] >= 0x7f)
			pt_wbuf_fmt(&f->w, "\\x%02x", p[i]);
		else
			pt_wbuf_putc(&f->w, p[i]);
	}
}

static void dump_item(struct feed *f, const struct pt_passwd_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	if (f->w.len)
		pt_wbuf_putc(&f->w, ' ');
	if (st == PT_PARSE_INVALID) {
		pt_wbuf_fmt(&f->w, "!@%zu", P->off);
		return;
	}
	switch (P->kind) {
	case PT_PASSWD_SKIP:
		pt_wbuf_putc(&f->w, 'K');
		break;
	case PT_PASSWD_ENTRY:
		pt_wbuf_puts(&f->w, "E[");
		put_bytes(f, buf + P->user.off, P->user.len);
		pt_wbuf_puts(&f->w, "][");
		put_bytes(f, buf + P->secret.off, P->secret.len);
		pt_wbuf_putc(&f->w, ']');
		if (P->secret.len == 0)
			pt_wbuf_fmt(&f->w, "^%u", (unsigned)P->secret.off);
		for (int i = 0; i < PT_PASSWD_NPROTO; i++) {
			const struct pt_passwd_backend *b = &P->backend[i];

			if (!b->set)
				continue;
			pt_wbuf_fmt(&f->w, " %s=%s", proto_name[i], b->v6 ? "[" : "");
			put_bytes(f, buf + b->addr.off, b->addr.len);
			pt_wbuf_fmt(&f->w, "%s:%u", b->v6 ? "]" : "", (unsigned)b->port);
		}
		break;
	default:
		pt_wbuf_puts(&f->w, "?");
		break;
	}
	pt_wbuf_fmt(&f->w, "@%zu", P->off);
}

/* The shape every DONE entry has, whatever the vector: the spans sit where
 * the line's syntax puts them, inside [0, off). */
static void check_entry(const struct pt_passwd_parser *P, const uint8_t *buf)
{
	int nset = 0;

	PT_CHECK(P->off >= 1 && buf[P->off - 1] == '\n');
	PT_CHECK_EQ(P->user.off, 0);
	PT_CHECK(P->user.len >= 1 && P->user.len <= PT_PASSWD_USER_MAX);
	PT_CHECK(P->user.len < P->off && buf[P->user.len] == ':');
	PT_CHECK_EQ(P->secret.off, P->user.len + 1);
	PT_CHECK(P->secret.len <= PT_PASSWD_SECRET_MAX);
	PT_CHECK((size_t)P->secret.off + P->secret.len < P->off &&
	         buf[P->secret.off + P->secret.len] == ':');
	for (int i = 0; i < PT_PASSWD_NPROTO; i++) {
		const struct pt_passwd_backend *b = &P->backend[i];
		size_t a = b->addr.off, e = a + b->addr.len, nl;

		if (!b->set)
			continue;
		nset++;
		PT_CHECK(b->port >= 1 && b->port <= 65535);
		PT_CHECK(b->addr.len >= 1 && a >= 1 && e + 1 < P->off);
		if (!(a >= 1 && e + 1 < P->off))
			continue;
		nl = strlen(proto_name[i]);
		if (b->v6) {
			PT_CHECK(b->addr.len <= PT_PASSWD_ADDR_MAX);
			PT_CHECK(buf[a - 1] == '[' && buf[e] == ']' && buf[e + 1] == ':');
			PT_CHECK(a >= nl + 2 && memcmp(buf + a - nl - 2, proto_name[i], nl) == 0);
		} else {
			PT_CHECK(buf[a - 1] == '=' && buf[e] == ':');
			PT_CHECK(a >= nl + 1 && memcmp(buf + a - nl - 1, proto_name[i], nl) == 0);
		}
	}
	PT_CHECK(nset >= 1);
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
	for (int i = 0; i < PT_PASSWD_NPROTO; i++)
		if (P->backend[i].set)
			it->backend[i] = P->backend[i];
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

/* One call on a copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_passwd_parser *P, const uint8_t *in, size_t base,
                                 size_t fed, struct feed *f)
{
	size_t len = fed - base, before = P->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_passwd_parse(P, buf, len);
	PT_CHECK(P->off >= before && P->off <= len);
	if (st == PT_PARSE_MORE) {
		PT_CHECK(P->off == len);   /* every offered byte is read */
	} else {
		PT_CHECK(st == PT_PARSE_DONE || st == PT_PARSE_INVALID);
		/* DONE or INVALID: the line was read to its LF, and no further. */
		PT_CHECK(P->off >= 1 && buf[P->off - 1] == '\n' &&
		         memchr(buf, '\n', P->off - 1) == NULL);
		if (st == PT_PARSE_DONE && P->kind == PT_PASSWD_ENTRY)
			check_entry(P, buf);
		dump_item(f, P, buf, st);
		if (PT_CHECK(f->nitems < MAX_ITEMS))
			take(&f->items[f->nitems++], P, st);
	}
	free(buf);
	return st;
}

/* Feed in[0..n): bytewise, or two chunks cut at `cut`. */
static void run_split(struct feed *f, const char *in_, size_t n, size_t cut, int bytewise)
{
	static struct pt_passwd_parser P;
	const uint8_t *in = (const uint8_t *)in_;
	size_t base = 0, fed = 0;

	pt_wbuf_init(&f->w, f->mem, sizeof(f->mem));
	f->nitems = 0;
	pt_passwd_init(&P);
	do {
		fed = bytewise ? fed + 1 : (fed < cut ? cut : n);
		if (fed > n)
			fed = n;
		while (call(&P, in, base, fed, f) != PT_PARSE_MORE) {
			base += P.off;
			pt_passwd_init(&P);
		}
	} while (fed < n);
	if (P.off)
		pt_wbuf_fmt(&f->w, " more(%zu)", P.off);
	pt_wbuf_cstr(&f->w);
}

static int same_feed(const struct feed *a, const struct feed *b)
{
	if (a->w.len != b->w.len || memcmp(a->w.p, b->w.p, a->w.len) != 0 ||
	    a->nitems != b->nitems)
		return 0;
	for (size_t i = 0; i < a->nitems; i++)
		if (!same(&a->items[i], &b->items[i]))
			return 0;
	return 1;
}

static void vec(const char *in, size_t n, const char *want)
{
	static struct feed whole, part;

	run_split(&whole, in, n, n, 0);
	PT_CHECK_MEM(whole.w.p, whole.w.len, want, strlen(want));
	for (size_t cut = 0; cut <= n; cut++) {
		run_split(&part, in, n, cut, 0);
		if (!PT_CHECK(same_feed(&part, &whole))) {
			fprintf(stdout, "    split at %zu: %s\n", cut, (const char *)part.w.p);
			break;
		}
	}
	run_split(&part, in, n, 0, 1);
	if (!PT_CHECK(same_feed(&part, &whole)))
		fprintf(stdout, "    byte by byte: %s\n", (const char *)part.w.p);
}

#define V(in, want) vec((in), sizeof(in) - 1, (want))

PT_TEST(pw_entries)
{
	V("alice:$y$j9T$abc:imap=127.0.0.1:143 pop3=127.0.0.1:110 smtp=[::1]:25\n",
	  "E[alice][$y$j9T$abc] imap=127.0.0.1:143 pop3=127.0.0.1:110 smtp=[::1]:25@69");
	V("bob:{PLAIN}secret:imap=10.0.0.2:143\n",
	  "E[bob][{PLAIN}secret] imap=10.0.0.2:143@36");
	V("bob:{PLAIN}secret:imap=10.0.0.2:143\r\n",
	  "E[bob][{PLAIN}secret] imap=10.0.0.2:143@37");
	/* One backend of each kind, alone. */
	V("u:s:pop3=192.0.2.1:995\n", "E[u][s] pop3=192.0.2.1:995@23");
	V("u:s:smtp=192.0.2.1:587\r\n", "E[u][s] smtp=192.0.2.1:587@24");
	V("u:s:sieve=192.0.2.1:4190\n", "E[u][s] sieve=192.0.2.1:4190@25");
	/* All four, in any order. */
	V("u:s:sieve=[::1]:4190 smtp=[::1]:25 imap=1.2.3.4:143 pop3=5.6.7.8:110\n",
	  "E[u][s] imap=1.2.3.4:143 pop3=5.6.7.8:110 smtp=[::1]:25 sieve=[::1]:4190@69");
	V("u:s:imap=[2001:db8::1]:993\n", "E[u][s] imap=[2001:db8::1]:993@27");
	/* Any order: the slots are the same. */
	V("u:s:smtp=[::1]:25 imap=1.2.3.4:143 pop3=5.6.7.8:110\n",
	  "E[u][s] imap=1.2.3.4:143 pop3=5.6.7.8:110 smtp=[::1]:25@52");
	V("u:s:pop3=5.6.7.8:110 smtp=[::1]:25 imap=1.2.3.4:143\n",
	  "E[u][s] imap=1.2.3.4:143 pop3=5.6.7.8:110 smtp=[::1]:25@52");
	V("u:s:pop3=5.6.7.8:110 imap=1.2.3.4:143\r\n",
	  "E[u][s] imap=1.2.3.4:143 pop3=5.6.7.8:110@39");
	V("u:s:smtp=9.9.9.9:25 pop3=5.6.7.8:110\n",
	  "E[u][s] pop3=5.6.7.8:110 smtp=9.9.9.9:25@37");
	/* IPv6 shapes: upper case, IPv4-mapped, the longest form. */
	V("u:s:imap=[FE80::ABCD]:143\n", "E[u][s] imap=[FE80::ABCD]:143@26");
	V("u:s:imap=[::ffff:192.0.2.1]:143\n", "E[u][s] imap=[::ffff:192.0.2.1]:143@32");
	V("u:s:smtp=[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:25\n",
	  "E[u][s] smtp=[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:25@60");
	/* Only shaped: inet_pton is the caller's. */
	V("u:s:imap=999.1:143\n", "E[u][s] imap=999.1:143@19");
	V("u:s:imap=[1.2.3.4]:143\n", "E[u][s] imap=[1.2.3.4]:143@23");
	/* Ports: the edges, and leading zeros (five digits at most). */
	V("u:s:imap=1.2.3.4:1\n", "E[u][s] imap=1.2.3.4:1@19");
	V("u:s:imap=1.2.3.4:65535\n", "E[u][s] imap=1.2.3.4:65535@23");
	V("u:s:imap=1.2.3.4:00143\n", "E[u][s] imap=1.2.3.4:143@23");
	/* Users: any byte but ':' CR LF NUL, a '#' or blank inside. */
	V("alice@example.org:x:imap=1.2.3.4:143\n",
	  "E[alice@example.org][x] imap=1.2.3.4:143@37");
	V("a#b c\td:x:imap=1.2.3.4:143\n", "E[a#b c\\x09d][x] imap=1.2.3.4:143@27");
	V("J\xc3\xbcrgen:x:imap=1.2.3.4:143\n", "E[J\\xc3\\xbcrgen][x] imap=1.2.3.4:143@27");
	V("\x01u:x:imap=1.2.3.4:143\n", "E[\\x01u][x] imap=1.2.3.4:143@22");
	V("=:x:imap=1.2.3.4:143\n", "E[=][x] imap=1.2.3.4:143@21");
	/* Several entries in one buffer. */
	V("a:1:imap=1.1.1.1:143\nb:2:pop3=2.2.2.2:110\r\n",
	  "E[a][1] imap=1.1.1.1:143@21 E[b][2] pop3=2.2.2.2:110@22");
}

PT_TEST(pw_secrets)
{
	/* Empty: the span sits at the second ':'. */
	V("u::imap=1.2.3.4:143\n", "E[u][]^2 imap=1.2.3.4:143@20");
	V("alice::smtp=[::1]:25\r\n", "E[alice][]^6 smtp=[::1]:25@22");
	/* {PLAIN} with spaces, '%', '#', '=' and other bytes but ':'. */
	V("u:{PLAIN}pass word %20 #x=y:imap=1.2.3.4:143\n",
	  "E[u][{PLAIN}pass word %20 #x=y] imap=1.2.3.4:143@45");
	V("u:{PLAIN} lead and trail :imap=1.2.3.4:143\n",
	  "E[u][{PLAIN} lead and trail ] imap=1.2.3.4:143@43");
	V("u:{PLAIN}\tt\xc3\xa4" "b\xff:imap=1.2.3.4:143\n",
	  "E[u][{PLAIN}\\x09t\\xc3\\xa4b\\xff] imap=1.2.3.4:143@33");
	/* crypt(3) hashes. */
	V("u:$6$rounds=5000$salt$hash./AZaz09:imap=1.2.3.4:143\n",
	  "E[u][$6$rounds=5000$salt$hash./AZaz09] imap=1.2.3.4:143@52");
	V("u:$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7:"
	  "pop3=127.0.0.1:110\n",
	  "E[u][$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7] "
	  "pop3=127.0.0.1:110@95");
	V("u:$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy:smtp=[::1]:25\r\n",
	  "E[u][$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy] smtp=[::1]:25@78");
	V("u:$1$salt$qJH7.N4xYta3aEG/dfqo/0:imap=1.2.3.4:143\n",
	  "E[u][$1$salt$qJH7.N4xYta3aEG/dfqo/0] imap=1.2.3.4:143@50");
}

PT_TEST(pw_skip)
{
	V("\n", "K@1");
	V("\r\n", "K@2");
	V("#\n", "K@2");
	V("# a comment\n", "K@12");
	V("# a comment\r\n", "K@13");
	/* A user starting with '#' is a comment, whatever follows. */
	V("#alice:x:imap=1.2.3.4:143\n", "K@26");
	V("#alice:x:bogus\r\n", "K@16");
	/* Lines of only blanks, and a comment after blanks. */
	V(" \n", "K@2");
	V("\t\r\n", "K@3");
	V("                \n", "K@17");             /* PT_PASSWD_BLANK_MAX */
	V("  \t # indented comment\n", "K@23");
	/* A comment is read to the LF: any byte but LF is in it. */
	V("# \xff\x01 : = [ ] x\r\n", "K@16");
	V("# a\rb\n", "K@6");
	V("# a\0b\n", "K@6");
	/* Mixed with entries. */
	V("# users\n\nu:s:imap=1.2.3.4:143\n  \n#end\n",
	  "K@8 K@1 E[u][s] imap=1.2.3.4:143@21 K@3 K@5");
}

PT_TEST(pw_blanks)
{
	/* Between backends: spaces or tabs, 1..PT_PASSWD_BLANK_MAX. */
	V("u:s:imap=1.2.3.4:143\tpop3=1.2.3.4:110\n",
	  "E[u][s] imap=1.2.3.4:143 pop3=1.2.3.4:110@38");
	V("u:s:imap=1.2.3.4:143 \t \tpop3=1.2.3.4:110\n",
	  "E[u][s] imap=1.2.3.4:143 pop3=1.2.3.4:110@41");
	V("u:s:imap=1.2.3.4:143                pop3=1.2.3.4:110\n",
	  "E[u][s] imap=1.2.3.4:143 pop3=1.2.3.4:110@53");
	V("u:s:imap=1.2.3.4:143                 pop3=1.2.3.4:110\n", "!@54");
	/* Trailing blanks, up to the same bound. */
	V("u:s:imap=1.2.3.4:143 \n", "E[u][s] imap=1.2.3.4:143@22");
	V("u:s:imap=1.2.3.4:143\t \r\n", "E[u][s] imap=1.2.3.4:143@24");
	V("u:s:imap=1.2.3.4:143                \n", "E[u][s] imap=1.2.3.4:143@37");
	V("u:s:imap=1.2.3.4:143                 \n", "!@38");
	/* Blanks before the first backend are taken too. */
	V("u:s: imap=1.2.3.4:143\n", "E[u][s] imap=1.2.3.4:143@22");
	/* No blank between two backends. */
	V("u:s:imap=1.2.3.4:143pop3=1.2.3.4:110\n", "!@37");
	/* 17 blanks make no blank line. */
	V("                 \n", "!@18");
}

PT_TEST(pw_bad_user)
{
	V(":s:imap=1.2.3.4:143\n", "!@20");
	V(" u:s:imap=1.2.3.4:143\n", "!@22");
	V("\tu:s:imap=1.2.3.4:143\r\n", "!@23");
	V("u\0v:s:imap=1.2.3.4:143\n", "!@23");
	V("\0u:s:imap=1.2.3.4:143\n", "!@22");
	V("u\rv:s:imap=1.2.3.4:143\n", "!@23");
	V("\r:s:imap=1.2.3.4:143\n", "!@21");
}

PT_TEST(pw_missing_fields)
{
	V("u\n", "!@2");
	V("u\r\n", "!@3");
	V("u:\n", "!@3");
	V("u:s\n", "!@4");
	V("u:s:\n", "!@5");
	V("u:s:\r\n", "!@6");
	V("u:s:   \n", "!@8");
	V("u::\n", "!@4");
	V("u:s:imap\n", "!@9");
	V("u:s:imap=\n", "!@10");
	V("u:s:imap=1.2.3.4\n", "!@17");
	V("u:s:imap=1.2.3.4:\n", "!@18");
	V("u:s:imap=:143\n", "!@14");
	V("u:s:imap=[]:143\n", "!@16");
	V("u:s:imap=1.2.3.4:143 \tpop3=\n", "!@28");
	/* Three fields need two colons: a third one is not in the secret. */
	V("u:s:x:imap=1.2.3.4:143\n", "!@23");
}

PT_TEST(pw_bad_backends)
{
	/* Unknown or mis-spelt protocols. */
	V("u:s:imaps=1.2.3.4:993\n", "!@22");
	V("u:s:IMAP=1.2.3.4:143\n", "!@21");
	V("u:s:pop=1.2.3.4:110\n", "!@20");
	V("u:s:lmtp=1.2.3.4:24\n", "!@20");
	V("u:s:imap =1.2.3.4:143\n", "!@22");
	V("u:s:imap= 1.2.3.4:143\n", "!@22");
	/* A protocol twice, next to each other or not. */
	V("u:s:imap=1.2.3.4:143 imap=1.2.3.4:143\n", "!@38");
	V("u:s:imap=1.2.3.4:143 pop3=1.2.3.4:110 imap=[::1]:143\n", "!@53");
	V("u:s:smtp=[::1]:25 smtp=[::1]:25\r\n", "!@33");
	V("u:s:siev=1.2.3.4:4190\n", "!@22");
	V("u:s:sieves=1.2.3.4:4190\n", "!@24");
	/* Five backends (one named twice). */
	V("u:s:imap=1.1.1.1:1 pop3=1.1.1.1:2 smtp=1.1.1.1:3 sieve=1.1.1.1:4 imap=1.1.1.1:5\n",
	  "!@80");
	V("u:s:sieve=1.1.1.1:4 sieve=1.1.1.1:4\n", "!@36");
	/* Ports out of 1..65535, or more than five digits. */
	V("u:s:imap=1.2.3.4:0\n", "!@19");
	V("u:s:imap=1.2.3.4:00000\n", "!@23");
	V("u:s:imap=1.2.3.4:65536\n", "!@23");
	V("u:s:imap=1.2.3.4:99999\n", "!@23");
	V("u:s:imap=1.2.3.4:143 pop3=1.2.3.4:0\n", "!@36");
	V("u:s:smtp=[::1]:65536 imap=1.2.3.4:143\n", "!@38");
	V("u:s:imap=1.2.3.4:000143\n", "!@24");
	V("u:s:imap=1.2.3.4:123456\n", "!@24");
	V("u:s:imap=1.2.3.4:-1\n", "!@20");
	V("u:s:imap=1.2.3.4:14a\n", "!@21");
	V("u:s:imap=1.2.3.4:+143\n", "!@22");
	/* Addresses: IPv6 without brackets, bad shapes. */
	V("u:s:smtp=::1:25\n", "!@16");
	V("u:s:smtp=2001:db8::1:25\n", "!@24");
	V("u:s:smtp=[::1:25\n", "!@17");
	V("u:s:smtp=::1]:25\n", "!@17");
	V("u:s:smtp=[::1]25\n", "!@17");
	V("u:s:smtp=[::g]:25\n", "!@18");
	V("u:s:imap=localhost:143\n", "!@23");
	V("u:s:imap=1.2.3.4 :143\n", "!@22");
	/* Stray text after the backends. */
	V("u:s:imap=1.2.3.4:143 x\n", "!@23");
	V("u:s:imap=1.2.3.4:143 # comment\n", "!@31");
	V("u:s:imap=1.2.3.4:143;\n", "!@22");
	V("u:s:imap=1.2.3.4:143:\n", "!@22");
}

PT_TEST(pw_bad_bytes)
{
	/* NUL anywhere in an entry. */
	V("u:s\0:imap=1.2.3.4:143\n", "!@22");
	V("u:\0:imap=1.2.3.4:143\n", "!@21");
	V("u:s:\0imap=1.2.3.4:143\n", "!@22");
	V("u:s:imap=1.2.3.4\0:143\n", "!@22");
	V("u:s:imap=1.2.3.4:14\0" "3\n", "!@22");
	V("u:s:imap=1.2.3.4:143\0\n", "!@22");
	V("u:s:imap=1.2.3.4:143\r\0\n", "!@23");
	V("\0\n", "!@2");
	V(" \0\n", "!@3");
	/* A bare CR: in a field, before the line end, twice, in a blank line. */
	V("u:s\rt:imap=1.2.3.4:143\n", "!@23");
	V("u:s:imap=1.2.3.4:143\rx\n", "!@23");
	V("u:s:imap=1.2.3.4:143\r\r\n", "!@23");
	V("u:s:imap=1.2.3.4:1\r43\n", "!@22");
	V("\r\r\n", "!@3");
	V(" \r \n", "!@4");
	/* The bad line is read to its LF and no further. */
	V("u:s:imap=1.2.3.4:143\rx", " more(22)");
	V("u:s\0", " more(4)");
}

/* A line "<user>:<secret>:imap=1.2.3.4:143\n" with user and secret
 * filled with ulen and slen bytes. */
static size_t make_line(char *out, size_t cap, size_t ulen, size_t slen)
{
	static const char tail[] = ":imap=1.2.3.4:143\n";
	size_t n = 0;

	if (ulen + slen + sizeof(tail) + 1 > cap)
		return 0;
	for (size_t i = 0; i < ulen; i++)
		out[n++] = (char)('a' + i % 26);
	out[n++] = ':';
	for (size_t i = 0; i < slen; i++)
		out[n++] = (char)(i % 10 == 9 ? '$' : 'A' + i % 26);
	memcpy(out + n, tail, sizeof(tail) - 1);
	return n + sizeof(tail) - 1;
}

PT_TEST(pw_bounds)
{
	static char in[1024], want[1024];
	size_t n;

	/* User of PT_PASSWD_USER_MAX bytes: an entry; one more: INVALID. */
	n = make_line(in, sizeof(in), PT_PASSWD_USER_MAX, 3);
	snprintf(want, sizeof(want), "E[%.*s][%.3s] imap=1.2.3.4:143@%zu", PT_PASSWD_USER_MAX, in,
	         in + PT_PASSWD_USER_MAX + 1, n);
	vec(in, n, want);
	n = make_line(in, sizeof(in), PT_PASSWD_USER_MAX + 1, 3);
	snprintf(want, sizeof(want), "!@%zu", n);
	vec(in, n, want);
	n = make_line(in, sizeof(in), PT_PASSWD_USER_MAX + 200, 3);
	snprintf(want, sizeof(want), "!@%zu", n);
	vec(in, n, want);

	/* Secret of PT_PASSWD_SECRET_MAX bytes: an entry; one more: INVALID. */
	n = make_line(in, sizeof(in), 1, PT_PASSWD_SECRET_MAX);
	snprintf(want, sizeof(want), "E[a][%.*s] imap=1.2.3.4:143@%zu", PT_PASSWD_SECRET_MAX,
	         in + 2, n);
	vec(in, n, want);
	n = make_line(in, sizeof(in), 1, PT_PASSWD_SECRET_MAX + 1);
	snprintf(want, sizeof(want), "!@%zu", n);
	vec(in, n, want);

	/* Both at their maxima. */
	n = make_line(in, sizeof(in), PT_PASSWD_USER_MAX, PT_PASSWD_SECRET_MAX);
	snprintf(want, sizeof(want), "E[%.*s][%.*s] imap=1.2.3.4:143@%zu", PT_PASSWD_USER_MAX, in,
	         PT_PASSWD_SECRET_MAX, in + PT_PASSWD_USER_MAX + 1, n);
	vec(in, n, want);

	/* The bad line does not swallow the next one. */
	n = make_line(in, sizeof(in), PT_PASSWD_USER_MAX + 1, 0);
	memcpy(in + n, "b:c:pop3=1.2.3.4:110\n", 21);
	snprintf(want, sizeof(want), "!@%zu E[b][c] pop3=1.2.3.4:110@21", n);
	vec(in, n + 21, want);
	n = make_line(in, sizeof(in), 1, PT_PASSWD_SECRET_MAX + 1);
	memcpy(in + n, "b:c:pop3=1.2.3.4:110\n", 21);
	snprintf(want, sizeof(want), "!@%zu E[b][c] pop3=1.2.3.4:110@21", n);
	vec(in, n + 21, want);

	/* Addresses: IPv4 15 bytes, IPv6 PT_PASSWD_ADDR_MAX; one more: INVALID. */
	V("u:s:imap=255.255.255.255:143\n", "E[u][s] imap=255.255.255.255:143@29");
	V("u:s:imap=255.255.255.2550:143\n", "!@30");
	V("u:s:imap=[0000:0000:0000:0000:0000:ffff:255.255.255.255]:1\n",
	  "E[u][s] imap=[0000:0000:0000:0000:0000:ffff:255.255.255.255]:1@59");
	V("u:s:imap=[0000:0000:0000:0000:0000:ffff:255.255.255.2555]:1\n", "!@60");
	memcpy(in, "u:s:imap=[", 10);
	n = 10;
	for (int i = 0; i < PT_PASSWD_ADDR_MAX; i++)
		in[n++] = ':';
	memcpy(in + n, "]:1\n", 4);
	n += 4;
	snprintf(want, sizeof(want), "E[u][s] imap=[%.*s]:1@%zu", PT_PASSWD_ADDR_MAX, in + 10, n);
	vec(in, n, want);
	memcpy(in + n - 4, ":]:1\n", 5);
	n++;
	snprintf(want, sizeof(want), "!@%zu", n);
	vec(in, n, want);

	/* Blanks between backends: PT_PASSWD_BLANK_MAX, one more. */
	for (int extra = 0; extra <= 1; extra++) {
		memcpy(in, "u:s:imap=1.2.3.4:143", 20);
		n = 20;
		for (int i = 0; i < PT_PASSWD_BLANK_MAX + extra; i++)
			in[n++] = i % 2 ? '\t' : ' ';
		memcpy(in + n, "smtp=[::1]:25\r\n", 15);
		n += 15;
		if (extra)
			snprintf(want, sizeof(want), "!@%zu", n);
		else
			snprintf(want, sizeof(want), "E[u][s] imap=1.2.3.4:143 smtp=[::1]:25@%zu", n);
		vec(in, n, want);
	}
}

PT_TEST(pw_resync)
{
	/* After an INVALID line, off is just past its LF: the next one parses. */
	V("u:s:imap=1.2.3.4:0\nv:t:imap=1.2.3.4:143\n", "!@19 E[v][t] imap=1.2.3.4:143@21");
	V(" bad\r\nv:t:imap=1.2.3.4:143\r\n", "!@6 E[v][t] imap=1.2.3.4:143@22");
	V("u:s:imap=1.2.3.4:143 imap=1.2.3.4:143\n# c\n", "!@38 K@4");
	V("u\0:s:imap=1.2.3.4:143\n\n", "!@22 K@1");
	V("u:s:smtp=::1:25\nu:s:smtp=[::1]:25\n", "!@16 E[u][s] smtp=[::1]:25@18");
	V("\n\n\n", "K@1 K@1 K@1");
	V("x\ny\nz\n", "!@2 !@2 !@2");
	V("u:s:imap=1.2.3.4:143\nu:s:imap=1.2.3.4:1", "E[u][s] imap=1.2.3.4:143@21 more(18)");
}

PT_TEST(pw_more)
{
	V("", "");
	V("u", " more(1)");
	V("u:s:imap=1.2.3.4:143", " more(20)");
	V("u:s:imap=1.2.3.4:143\r", " more(21)");
	V("# comment", " more(9)");
	V("\r", " more(1)");
	V(" ", " more(1)");
}

PT_TEST(pw_sticky)
{
	static const uint8_t line[] = "u:s:imap=1.2.3.4:143\n";
	struct pt_passwd_parser P;

	pt_passwd_init(&P);
	PT_CHECK_EQ(pt_passwd_parse(&P, line, 5), PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 5);
	PT_CHECK_EQ(pt_passwd_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.kind, PT_PASSWD_ENTRY);
	PT_CHECK_EQ(P.off, 21);
	/* Sticky: a second call returns the same without reading. */
	PT_CHECK_EQ(pt_passwd_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 21);
	/* A buffer shorter than what was read is refused, not read. */
	pt_passwd_init(&P);
	PT_CHECK_EQ(pt_passwd_parse(&P, line, 8), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_passwd_parse(&P, line, 4), PT_PARSE_INVALID);
	/* Re-initialised, the parser holds nothing of the line before. */
	pt_passwd_init(&P);
	PT_CHECK_EQ(P.status, PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 0);
	for (int i = 0; i < PT_PASSWD_NPROTO; i++)
		PT_CHECK(!P.backend[i].set);
}

PT_TEST_MAIN(PT_TEST_ENTRY(pw_entries), PT_TEST_ENTRY(pw_secrets), PT_TEST_ENTRY(pw_skip),
             PT_TEST_ENTRY(pw_blanks), PT_TEST_ENTRY(pw_bad_user),
             PT_TEST_ENTRY(pw_missing_fields), PT_TEST_ENTRY(pw_bad_backends),
             PT_TEST_ENTRY(pw_bad_bytes), PT_TEST_ENTRY(pw_bounds), PT_TEST_ENTRY(pw_resync),
             PT_TEST_ENTRY(pw_more), PT_TEST_ENTRY(pw_sticky))
