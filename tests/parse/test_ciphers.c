/*
 * Vectors for grammar/ciphers.rl (the elements of an OpenSSL cipher
 * string, src/proto/ciphers_lex.h) and src/conf/ciphers.c (what they
 * select, src/conf/ciphers.h).
 *
 * Elements: each string is fed whole, split at every point into two
 * chunks, and byte by byte (last = 1 only once the whole string is in);
 * after DONE the driver drops p->off bytes and re-initialises.  All feeds
 * must give the same items, and the dump the expected one:
 *   [op]word[+word...]@n  a rule: op "-", "!" or "+" (none: add), n bytes
 *                         read (the separator after it included)
 *   @STRENGTH@n, @SECLEVEL=l@n
 *   .@n                   the end: n bytes of separators were left
 *   E<why>@n              INVALID at offset n of the item: end, byte,
 *                         long, parts
 * Every call gets a heap copy of exactly the bytes offered.
 *
 * Selection: C(string, six, n, hash) was printed by OpenSSL 3.0.19
 * (Debian 12): six is what `openssl ciphers -s -tls1_2 STRING` lists of
 * postern's suites, in its order, as
 *   e128 ECDHE-ECDSA-AES128-GCM-SHA256   r128 ECDHE-RSA-AES128-GCM-SHA256
 *   e256 ECDHE-ECDSA-AES256-GCM-SHA384   r256 ECDHE-RSA-AES256-GCM-SHA384
 *   ec20 ECDHE-ECDSA-CHACHA20-POLY1305   rc20 ECDHE-RSA-CHACHA20-POLY1305
 * and n and hash (FNV-1a 32) are the count and the ':'-joined names of
 * the whole TLS 1.2 list `openssl ciphers -tls1_2 STRING` prints (0 and
 * the empty hash for "no cipher match").  The default "HIGH:!aNULL:!MD5"
 * gives AES-256 first, then ChaCha20, then AES-128: OpenSSL's order, not
 * postern's built-in one (which is used when ssl_ciphers is not given).
 * The test needs no openssl at run time; tests/parse/ciphers-openssl.py
 * re-checks the vectors against the installed one.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "conf/ciphers.h"
#include "proto/ciphers_lex.h"
#include "util/buf.h"

/* ---- elements ------------------------------------------------------------ */

struct feed {
	struct pt_wbuf w;
	uint8_t mem[4096];
};

static const char *const err_name[] = { "?", "byte", "end", "long", "parts" };
static const char *const op_name[] = { "", "-", "!", "+" };

static int is_wbyte(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '=' || c == '_';
}

static void dump_item(struct feed *f, const struct pt_ciphers_lex *L, const uint8_t *buf,
                      enum pt_parse_status st)
{
	if (f->w.len)
		pt_wbuf_putc(&f->w, ' ');
	if (st == PT_PARSE_INVALID) {
		pt_wbuf_fmt(&f->w, "E%s@%zu", err_name[L->err <= 4 ? L->err : 0], L->off);
		return;
	}
	switch (L->kind) {
	case PT_CIPHERS_RULE:
		pt_wbuf_puts(&f->w, op_name[L->op & 3]);
		PT_CHECK(L->n_words >= 1 && L->n_words <= PT_CIPHERS_PARTS_MAX);
		for (size_t i = 0; i < L->n_words; i++) {
			PT_CHECK(L->word[i].len >= 1 && L->word[i].len <= PT_CIPHERS_WORD_MAX);
			PT_CHECK((size_t)L->word[i].off + L->word[i].len <= L->off);
			for (uint32_t k = 0; k < L->word[i].len; k++)
				PT_CHECK(is_wbyte(buf[L->word[i].off + k]));
			pt_wbuf_fmt(&f->w, "%s%.*s", i ? "+" : "", (int)L->word[i].len,
			            (const char *)buf + L->word[i].off);
		}
		break;
	case PT_CIPHERS_STRENGTH:
		pt_wbuf_puts(&f->w, "@STRENGTH");
		break;
	case PT_CIPHERS_SECLEVEL:
		pt_wbuf_fmt(&f->w, "@SECLEVEL=%d", L->level);
		break;
	case PT_CIPHERS_END:
		pt_wbuf_putc(&f->w, '.');
		break;
	default:
		pt_wbuf_putc(&f->w, '?');
		break;
	}
	pt_wbuf_fmt(&f->w, "@%zu", L->off);
}

/* One call on a copy of exactly in[base..fed); 1 when the string is done. */
static int call(struct pt_ciphers_lex *L, const uint8_t *in, size_t base, size_t fed, int last,
                struct feed *f, enum pt_parse_status *st)
{
	size_t len = fed - base, before = L->off;
	uint8_t *buf = malloc(len ? len : 1);
	int done;

	memcpy(buf, in + base, len);
	*st = pt_ciphers_lex(L, buf, len, last);
	PT_CHECK(L->off <= len);
	if (*st == PT_PARSE_MORE) {
		PT_CHECK(!last && L->off == len && L->off >= before);
		free(buf);
		return 0;
	}
	dump_item(f, L, buf, *st);
	done = *st == PT_PARSE_INVALID || L->kind == PT_CIPHERS_END;
	free(buf);
	return done;
}

static void run_split(struct feed *f, const char *in_, size_t n, size_t cut, int bytewise)
{
	static struct pt_ciphers_lex L;
	const uint8_t *in = (const uint8_t *)in_;
	size_t base = 0, fed = 0;
	enum pt_parse_status st;

	pt_wbuf_init(&f->w, f->mem, sizeof(f->mem));
	pt_ciphers_lex_init(&L);
	for (;;) {
		fed = bytewise ? fed + 1 : (fed < cut ? cut : n);
		if (fed > n)
			fed = n;
		for (;;) {
			if (call(&L, in, base, fed, fed == n, f, &st)) {
				pt_wbuf_cstr(&f->w);
				return;
			}
			if (st == PT_PARSE_MORE)
				break;
			base += L.off;
			pt_ciphers_lex_init(&L);
		}
	}
}

/* Whole, at every cut, byte by byte: the same dump; want it (or NULL). */
static void lex_vec(const char *in, size_t n, const char *want)
{
	static struct feed whole, part;

	run_split(&whole, in, n, n, 0);
	if (want != NULL)
		PT_CHECK_MEM(whole.w.p, whole.w.len, want, strlen(want));
	for (size_t cut = 0; cut <= n; cut++) {
		run_split(&part, in, n, cut, 0);
		if (!PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len)) {
			fprintf(stdout, "    split at %zu\n", cut);
			break;
		}
	}
	run_split(&part, in, n, 0, 1);
	PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);
}

#define L(in, want) lex_vec((in), sizeof(in) - 1, (want))

PT_TEST(ciphers_lex_elements)
{
	L("HIGH:!aNULL:!MD5", "HIGH@5 !aNULL@7 !MD5@4 .@0");
	L("", ".@0");
	L(":, ;", ".@4");
	L("HIGH", "HIGH@4 .@0");
	L("HIGH:", "HIGH@5 .@0");
	L("::HIGH::", "HIGH@7 .@1");
	/* The four separators, and runs of them. */
	L("A,B C;D:E", "A@2 B@2 C@2 D@2 E@1 .@0");
	L("A :, ;B", "A@2 B@5 .@0");
	/* Prefixes and joins. */
	L("-AES:+CHACHA20:!RC4", "-AES@5 +CHACHA20@10 !RC4@4 .@0");
	L("ECDHE+AESGCM", "ECDHE+AESGCM@12 .@0");
	L("kEECDH+ECDSA+AES128+SHA256", "kEECDH+ECDSA+AES128+SHA256@26 .@0");
	L("+ECDHE+AESGCM", "+ECDHE+AESGCM@13 .@0");
	L("!kRSA+aRSA", "!kRSA+aRSA@10 .@0");
	/* After a prefix a word may start with "-" (OpenSSL reads "-HIGH"). */
	L("--HIGH", "--HIGH@6 .@0");
	L("+-AES", "+-AES@5 .@0");
	L("A+-B", "A+-B@4 .@0");
	/* Word bytes: letters, digits, "-", ".", "=", "_". */
	L("TLSv1.2:x=y:TLS_AES_128_GCM_SHA256",
	  "TLSv1.2@8 x=y@4 TLS_AES_128_GCM_SHA256@22 .@0");
	L("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256@27 .@0");
	L(".=_9", ".=_9@4 .@0");
	/* Specials. */
	L("@STRENGTH", "@STRENGTH@9 .@0");
	L("HIGH:@STRENGTH:@SECLEVEL=0", "HIGH@5 @STRENGTH@10 @SECLEVEL=0@11 .@0");
	L("@SECLEVEL=5,AES", "@SECLEVEL=5@12 AES@3 .@0");
}

PT_TEST(ciphers_lex_errors)
{
	/* An element cut short: after a prefix, a "+", an "@". */
	L("HIGH:!", "HIGH@5 Eend@1");
	L("HIGH::!", "HIGH@5 Eend@2");
	L("-", "Eend@1");
	L("AES+", "Eend@4");
	L("@", "Eend@1");
	L("@STREN", "Eend@6");
	L("@SECLEVEL=", "Eend@10");
	/* A byte that cannot stand there. */
	L("HIGH$", "Ebyte@4");
	L("HIGH:!aNULL:/MD5", "HIGH@5 !aNULL@7 Ebyte@0");
	L("!:HIGH", "Ebyte@1");
	L("!!HIGH", "Ebyte@1");
	L("AES++SHA", "Ebyte@4");
	L("AES+:SHA", "Ebyte@4");
	L("HIGH\tAES", "Ebyte@4");
	L("HIGH\n", "Ebyte@4");
	L("HIGH\0AES", "Ebyte@4");
	L("\xc3\xa9", "Ebyte@0");
	L("!@STRENGTH", "Ebyte@1");
	L("@strength", "Ebyte@1");
	L("@STRENGTHX", "Ebyte@9");
	L("@STRENGTH+AES", "Ebyte@9");
	L("@SECLEVEL=6", "Ebyte@10");
	L("@SECLEVEL=10", "Ebyte@11");
	L("@SECLEVEL=a", "Ebyte@10");
	L("\"HIGH\"", "Ebyte@0");
}

PT_TEST(ciphers_lex_bounds)
{
	static char in[512], want[512];
	size_t n;

	/* A word of PT_CIPHERS_WORD_MAX bytes; one more is INVALID there. */
	for (int extra = 0; extra <= 1; extra++) {
		n = 0;
		in[n++] = '!';
		for (int i = 0; i < PT_CIPHERS_WORD_MAX + extra; i++)
			in[n++] = (char)('A' + i % 26);
		if (extra)
			snprintf(want, sizeof(want), "Elong@%d", PT_CIPHERS_WORD_MAX + 1);
		else
			snprintf(want, sizeof(want), "!%.*s@%zu .@0", PT_CIPHERS_WORD_MAX, in + 1, n);
		lex_vec(in, n, want);
	}
	/* PT_CIPHERS_PARTS_MAX words joined; one more is INVALID at its start. */
	for (int extra = 0; extra <= 1; extra++) {
		n = 0;
		for (int i = 0; i < PT_CIPHERS_PARTS_MAX + extra; i++) {
			if (i)
				in[n++] = '+';
			in[n++] = (char)('a' + i);
		}
		in[n++] = ':';
		if (extra)
			snprintf(want, sizeof(want), "Eparts@%d", 2 * PT_CIPHERS_PARTS_MAX);
		else
			snprintf(want, sizeof(want), "%.*s@%zu .@0", (int)n - 1, in, n);
		lex_vec(in, n, want);
	}
	/* Separators are not counted: a long run is fine. */
	memset(in, ':', 300);
	memcpy(in + 300, "HIGH", 4);
	lex_vec(in, 304, "HIGH@304 .@0");
}

PT_TEST(ciphers_lex_sticky)
{
	static const uint8_t s[] = "HIGH:AES";
	struct pt_ciphers_lex L;

	pt_ciphers_lex_init(&L);
	PT_CHECK_EQ(pt_ciphers_lex(&L, s, 4, 0), PT_PARSE_MORE);  /* HIGH, or HIGHER? */
	PT_CHECK_EQ(L.off, 4);
	PT_CHECK_EQ(pt_ciphers_lex(&L, s, 5, 0), PT_PARSE_DONE);
	PT_CHECK_EQ(L.off, 5);
	PT_CHECK_EQ(pt_ciphers_lex(&L, s, 8, 1), PT_PARSE_DONE);  /* sticky, nothing read */
	PT_CHECK_EQ(L.off, 5);
	pt_ciphers_lex_init(&L);
	PT_CHECK_EQ(pt_ciphers_lex(&L, s, 3, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_ciphers_lex(&L, s, 2, 1), PT_PARSE_INVALID);  /* shorter than read */
}

/* ---- selection ------------------------------------------------------------ */

static const char *code_of(uint16_t id)
{
	switch (id) {
	case PT_TLS_ECDHE_ECDSA_AES128_GCM_SHA256: return "e128";
	case PT_TLS_ECDHE_RSA_AES128_GCM_SHA256: return "r128";
	case PT_TLS_ECDHE_ECDSA_AES256_GCM_SHA384: return "e256";
	case PT_TLS_ECDHE_RSA_AES256_GCM_SHA384: return "r256";
	case PT_TLS_ECDHE_ECDSA_CHACHA20_POLY1305: return "ec20";
	case PT_TLS_ECDHE_RSA_CHACHA20_POLY1305: return "rc20";
	default: return "?";
	}
}

static uint32_t fnv1a(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x01000193u;
	return h;
}

static void sel_vec(const char *s, const char *six, size_t n_list, uint32_t hash)
{
	struct pt_ciphers_result r;
	enum pt_ciphers_status st = pt_ciphers_parse(s, strlen(s), &r);
	char got[128];
	struct pt_wbuf w;
	uint32_t h = 0x811c9dc5u;
	int ok;

	pt_wbuf_init(&w, got, sizeof(got));
	for (size_t i = 0; i < r.n; i++)
		pt_wbuf_fmt(&w, "%s%s", i ? " " : "", code_of(r.ids[i]));
	for (size_t i = 0; i < r.n_list; i++)
		h = fnv1a(i ? fnv1a(h, ":") : h, pt_ciphers_name(r.list[i]));
	ok = PT_CHECK_MEM(got, w.len, six, strlen(six));
	ok &= PT_CHECK_EQ(r.n_list, n_list);
	ok &= PT_CHECK_EQ(h, hash);
	ok &= PT_CHECK_EQ(st, *six ? PT_CIPHERS_OK : PT_CIPHERS_NONE);
	if (!ok)
		fprintf(stdout, "    string \"%s\"\n", s);
	lex_vec(s, strlen(s), NULL);   /* and its elements, split anywhere */
}

#define C(s, six, n, hash) sel_vec((s), (six), (n), (hash))

PT_TEST(ciphers_openssl)
{
	C("HIGH:!aNULL:!MD5",
	  "e256 r256 ec20 rc20 e128 r128", 125, 0xcaf8ff51);
	C("HIGH:!MD5:!aNULL",
	  "e256 r256 ec20 rc20 e128 r128", 125, 0xcaf8ff51);
	C("DEFAULT",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0xc908ab93);
	C("ALL",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("ALL:COMPLEMENTOFALL",
	  "e256 r256 ec20 rc20 e128 r128", 155, 0x6714e4d9);
	C("ALL:@STRENGTH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0xbc603093);
	C("HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("MEDIUM",
	  "", 0, 0x811c9dc5);
	C("LOW",
	  "", 0, 0x811c9dc5);
	C("EXPORT",
	  "", 0, 0x811c9dc5);
	C("!EXPORT:HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("FIPS",
	  "e256 r256 e128 r128", 60, 0x01c3ad0f);
	C("HIGH+FIPS",
	  "", 0, 0x811c9dc5);
	C("ECDHE+AESGCM",
	  "e256 r256 e128 r128", 4, 0xba080ef1);
	C("kEECDH+AESGCM",
	  "e256 r256 e128 r128", 4, 0xba080ef1);
	C("kECDHE+AESGCM:kDHE+AESGCM",
	  "e256 r256 e128 r128", 10, 0xd199f441);
	C("EECDH+AESGCM:EDH+AESGCM",
	  "e256 r256 e128 r128", 8, 0x94917d01);
	C("ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256",
	  "r256 r128", 2, 0x7531c185);
	C("ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
	  "ECDHE-ECDSA-AES128-GCM-SHA256",
	  "ec20 rc20 e128", 3, 0x94819066);
	C("!ECDSA:HIGH",
	  "r256 rc20 r128", 122, 0x98f152e0);
	C("HIGH:!ECDSA",
	  "r256 rc20 r128", 122, 0x98f152e0);
	C("aECDSA",
	  "e256 ec20 e128", 16, 0x2aec0c77);
	C("aRSA+AES256",
	  "r256", 17, 0xf55daff7);
	C("RSA",
	  "", 19, 0x010635c2);
	C("kRSA",
	  "", 19, 0x010635c2);
	C("AES128-SHA",
	  "", 1, 0x6191379a);
	C("AES128-SHA:AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256",
	  "", 3, 0xb0a982eb);
	C("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
	  "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
	  "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
	  "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
	  "e128 r128 e256 r256 ec20 rc20", 8, 0x20aee5d3);
	C("AES",
	  "e256 r256 e128 r128", 86, 0x758bd435);
	C("AES128",
	  "e128 r128", 43, 0x4d9c0d13);
	C("AES256",
	  "e256 r256", 43, 0x8ab4e6fb);
	C("AESGCM",
	  "e256 r256 e128 r128", 18, 0xed6b2f2d);
	C("CHACHA20",
	  "ec20 rc20", 7, 0xf2935313);
	C("CHACHA20:HIGH",
	  "ec20 rc20 e256 r256 e128 r128", 137, 0x757ce45d);
	C("HIGH:+CHACHA20",
	  "e256 r256 e128 r128 ec20 rc20", 137, 0x3d502de1);
	C("HIGH:+AES128",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0xb3896cdb);
	C("HIGH:-AES256:AES256",
	  "ec20 rc20 e128 r128 e256 r256", 137, 0x3ae64225);
	C("HIGH:!AES256:AES256",
	  "ec20 rc20 e128 r128", 94, 0x548fb167);
	C("HIGH:-ECDHE:ECDHE",
	  "e256 r256 ec20 rc20 e128 r128", 139, 0xd4881305);
	C("CAMELLIA",
	  "", 28, 0x306f41f9);
	C("ARIA",
	  "", 16, 0x266140e5);
	C("3DES",
	  "", 0, 0x811c9dc5);
	C("DES",
	  "", 0, 0x811c9dc5);
	C("RC4",
	  "", 0, 0x811c9dc5);
	C("MD5",
	  "", 1, 0xde71ba75);
	C("SHA1",
	  "", 44, 0x8887a078);
	C("SHA",
	  "", 44, 0x8887a078);
	C("SHA256",
	  "", 33, 0x40e3c605);
	C("SHA384",
	  "", 16, 0x2f7d0c94);
	C("SHA256+ECDHE",
	  "", 4, 0xe2a7ab25);
	C("eNULL",
	  "", 18, 0x6844fa3b);
	C("NULL",
	  "", 18, 0x6844fa3b);
	C("aNULL",
	  "", 13, 0x53108a87);
	C("ADH:AECDH",
	  "", 13, 0x4ebc43eb);
	C("PSK",
	  "", 60, 0x6a55a0d5);
	C("aPSK",
	  "", 46, 0xe44d790f);
	C("SRP",
	  "", 6, 0xa7e2adcd);
	C("DHE",
	  "", 29, 0x2587dca6);
	C("kDHE",
	  "", 39, 0xac6d21ce);
	C("EDH",
	  "", 29, 0x2587dca6);
	C("kEDH",
	  "", 39, 0xac6d21ce);
	C("TLSv1.2",
	  "e256 r256 ec20 rc20 e128 r128", 86, 0x247e8460);
	C("TLSv1",
	  "", 36, 0x65e34d44);
	C("SSLv3",
	  "", 33, 0x86dcc2db);
	C("TLSv1.2+ECDHE:@STRENGTH",
	  "e256 r256 ec20 rc20 e128 r128", 22, 0x94f7f37d);
	C("AES+TLSv1.2:@STRENGTH:+CHACHA20",
	  "e256 r256 e128 r128", 50, 0x62e684b9);
	C("ECDHE-RSA-AES128-GCM-SHA256+TLSv1",
	  "", 0, 0x811c9dc5);
	C("ECDHE-RSA-AES128-GCM-SHA256+ECDHE-ECDSA-AES128-GCM-SHA256",
	  "", 0, 0x811c9dc5);
	C("COMPLEMENTOFDEFAULT",
	  "", 80, 0xafbe0ce3);
	C("COMPLEMENTOFDEFAULT+HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("ALL:!COMPLEMENTOFDEFAULT",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0xc908ab93);
	C("DEFAULT:!ECDSA",
	  "r256 rc20 r128", 50, 0xe1e243ba);
	C("DEFAULT:@STRENGTH",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0x30ada975);
	C("DEFAULT+AES128",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0x30ada975);
	C("DEFAULT:-AES128:AES128",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0x30ada975);
	C("DEFAULTX",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0xc908ab93);
	C("SUITEB128",
	  "e128 e256", 2, 0x54da4305);
	C("SUITEB128ONLY",
	  "e128", 1, 0x7a750498);
	C("SUITEB128C2",
	  "e256", 1, 0x1e99e138);
	C("SUITEB192",
	  "e256", 1, 0x1e99e138);
	C("SUITEB192:HIGH",
	  "e256", 1, 0x1e99e138);
	C("HIGH:@SECLEVEL=4",
	  "e256 r256 ec20 rc20", 137, 0x814a221b);
	C("HIGH:@SECLEVEL=5",
	  "e256 r256 ec20 rc20", 137, 0x814a221b);
	C("HIGH:@SECLEVEL=3",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("@SECLEVEL=4:ECDHE-RSA-AES128-GCM-SHA256",
	  "", 1, 0xf27864b6);
	C("FOO",
	  "", 0, 0x811c9dc5);
	C("FOO:HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("high",
	  "", 0, 0x811c9dc5);
	C("TLS_AES_128_GCM_SHA256:HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("TLS_AES_128_GCM_SHA256",
	  "", 0, 0x811c9dc5);
	C("HIGH,!aNULL !MD5;!RC4",
	  "e256 r256 ec20 rc20 e128 r128", 125, 0xcaf8ff51);
	C("  :HIGH: ",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("-HIGH:HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("--HIGH:HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("+HIGH",
	  "", 0, 0x811c9dc5);
	C("!ALL:HIGH",
	  "", 0, 0x811c9dc5);
	C("ALL:!ALL",
	  "", 0, 0x811c9dc5);
	C("ECDHE:!AESGCM",
	  "ec20 rc20", 24, 0x18063555);
	C("ECDHE:+ECDSA",
	  "r256 rc20 r128 e256 ec20 e128", 28, 0xc56e6cc3);
	C("ECDHE:+aRSA:+AES128",
	  "e256 ec20 r256 rc20 e128 r128", 28, 0x78991d09);
	C("kECDHE+kDHE:HIGH",
	  "e256 r256 ec20 rc20 e128 r128", 137, 0x814a221b);
	C("AESGCM+CHACHA20",
	  "", 0, 0x811c9dc5);
	C("DHE-PSK-CHACHA20-POLY1305:-AECDH-AES256-SHA",
	  "", 1, 0xecc8f686);
	C("DEFAULT:DHE-DSS-ARIA256-GCM-SHA384",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0xc908ab93);
	C("DEFAULT::+PSK:!ARIAGCM:@STRENGTH",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0xe0278813);
	C("DEFAULT:RSA-PSK-NULL-SHA256:-RSA",
	  "e256 r256 ec20 rc20 e128 r128", 51, 0x0546b7f7);
	C("-RSA-PSK-NULL-SHA384:"
	  "ADH-AES128-GCM-SHA256 CAMELLIA256+DHE-PSK-ARIA128-GCM-SHA256",
	  "", 1, 0x3e9e5cfd);
	C("AESGCM:!AESCCM8",
	  "e256 r256 e128 r128", 18, 0xed6b2f2d);
	C("AESCCM+NULL-MD5+CHACHA20,-ARIA256+COMPLEMENTOFDEFAULT",
	  "", 0, 0x811c9dc5);
	C("@STRENGTH:+RSA-PSK-NULL-SHA384 kRSAPSK+DHE-DSS-AES256-SHA256+ARIAGCM",
	  "", 0, 0x811c9dc5);
	C("LOW",
	  "", 0, 0x811c9dc5);
	C("ECDHE-RSA-AES256-GCM-SHA384,ECDHE-ECDSA-AES256-CCM+ARIA256+RSA-PSK-NULL-SHA256",
	  "r256", 1, 0x8227e966);
	C("DH",
	  "", 39, 0xac6d21ce);
	C("DHE-RSA-AES256-CCM;-EXPORT",
	  "", 1, 0xa334b43a);
	C("+RSA-PSK-NULL-SHA384:!DES:+ADH",
	  "", 0, 0x811c9dc5);
	C("DHE-PSK-AES128-GCM-SHA256 AES+AESCCM",
	  "", 21, 0x4fecc972);
	C("DEFAULT:ADH-CAMELLIA256-SHA256:"
	  "!DHE-RSA-AES128-SHA256+ECDHE-ECDSA-CAMELLIA128-SHA256+EDH",
	  "e256 r256 ec20 rc20 e128 r128", 57, 0xc908ab93);
	C("!DHE-RSA-AES128-SHA+kRSAPSK",
	  "", 0, 0x811c9dc5);
}

/* Notes: "?word" an unknown word, "3word" the first TLS 1.3 name. */
static void note_vec(const char *s, const char *want, size_t lost)
{
	struct pt_ciphers_result r;
	char got[512];
	struct pt_wbuf w;

	pt_ciphers_parse(s, strlen(s), &r);
	pt_wbuf_init(&w, got, sizeof(got));
	for (size_t i = 0; i < r.n_notes; i++)
		pt_wbuf_fmt(&w, "%s%c%.*s", i ? " " : "",
		            r.notes[i].kind == PT_CIPHERS_NOTE_TLS13 ? '3' : '?',
		            (int)r.notes[i].word.len, s + r.notes[i].word.off);
	PT_CHECK_MEM(got, w.len, want, strlen(want));
	PT_CHECK_EQ(r.n_notes_lost, lost);
}

PT_TEST(ciphers_notes)
{
	note_vec("HIGH:!aNULL:!MD5", "", 0);
	note_vec("FOO", "?FOO", 0);
	note_vec("FOO:HIGH:!FOO:-FOO+BAR:+BAR", "?FOO ?BAR", 0);
	/* Names are case-sensitive, as in OpenSSL. */
	note_vec("high:Ecdhe", "?high ?Ecdhe", 0);
	/* Known to OpenSSL, selecting nothing here: no note. */
	note_vec("!RC4:!3DES:!EXPORT:!DES:!SEED:!IDEA:!SSLv2:!kECDH:RC4-SHA:DES-CBC3-SHA", "", 0);
	note_vec("HIGH:DEFAULT:SUITEB128", "", 0);
	/* TLS 1.3 names: the first one only, wherever they stand. */
	note_vec("TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:HIGH", "3TLS_AES_128_GCM_SHA256", 0);
	note_vec("HIGH+TLS_CHACHA20_POLY1305_SHA256:!TLS_AES_128_CCM_8_SHA256",
	         "3TLS_CHACHA20_POLY1305_SHA256", 0);
	/* IANA names of TLS 1.2 suites are not OpenSSL 3.0's. */
	note_vec("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "?TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0);
	/* Every word of a join is looked at, past one that fails. */
	note_vec("AES128+AES256+NOPE", "?NOPE", 0);
	/* At most PT_CIPHERS_NOTES_MAX, the rest counted. */
	note_vec("A:B:C:D:E:F:G:H:I:J:TLS_AES_128_GCM_SHA256", "?A ?B ?C ?D ?E ?F ?G ?H", 3);
}

PT_TEST(ciphers_syntax)
{
	static const struct {
		const char *s;
		enum pt_ciphers_err err;
		size_t off;
	} v[] = {
		{ "HIGH:!", PT_CIPHERS_ERR_END, 6 },
		{ "HIGH::!", PT_CIPHERS_ERR_END, 7 },
		{ "HIGH:+", PT_CIPHERS_ERR_END, 6 },
		{ "HIGH:!aNULL:/MD5", PT_CIPHERS_ERR_BYTE, 12 },
		{ "HIGH AES\t", PT_CIPHERS_ERR_BYTE, 8 },
		{ "@SECLEVEL=6", PT_CIPHERS_ERR_BYTE, 10 },
		{ "FOO:@BAR", PT_CIPHERS_ERR_BYTE, 5 },
		/* after DEFAULT the rest is read from its 8th byte */
		{ "DEFAULT:!", PT_CIPHERS_ERR_END, 9 },
		{ "DEFAULT$", PT_CIPHERS_ERR_BYTE, 7 },
		{ "a+b+c+d+e+f+g+h+i", PT_CIPHERS_ERR_PARTS, 16 },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct pt_ciphers_result r;

		int ok = PT_CHECK_EQ(pt_ciphers_parse(v[i].s, strlen(v[i].s), &r), PT_CIPHERS_SYNTAX);

		ok &= PT_CHECK_EQ(r.err, v[i].err);
		ok &= PT_CHECK_EQ(r.err_off, v[i].off);
		if (!ok)
			fprintf(stdout, "    string \"%s\": err %d at %zu\n", v[i].s, r.err, r.err_off);
		PT_CHECK_EQ(r.n, 0);
	}
	/* Suite B replaces the whole string, bad bytes and all (OpenSSL). */
	{
		struct pt_ciphers_result r;

		PT_CHECK_EQ(pt_ciphers_parse("SUITEB128ONLY$$", 15, &r), PT_CIPHERS_OK);
		PT_CHECK_EQ(r.n, 1);
		PT_CHECK_EQ(r.ids[0], PT_TLS_ECDHE_ECDSA_AES128_GCM_SHA256);
	}
	PT_CHECK_STR(pt_ciphers_err_text(PT_CIPHERS_ERR_END), "unexpected end");
	PT_CHECK_STR(pt_ciphers_err_text(PT_CIPHERS_ERR_BYTE), "unexpected character");
}

PT_TEST(ciphers_offer)
{
	static const char *const names[PT_CONF_SUITES_MAX] = {
		"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
		"ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
		"ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
	};

	/* The built-in order is tls.c's, and the names are OpenSSL's. */
	for (size_t i = 0; i < PT_CONF_SUITES_MAX; i++)
		PT_CHECK_STR(pt_ciphers_offer_name(pt_ciphers_offer[i]), names[i]);
	PT_CHECK_STR(pt_ciphers_offer_name(0), "?");
	PT_CHECK_STR(pt_ciphers_offer_name(0x009C), "AES128-GCM-SHA256");
	PT_CHECK_STR(pt_ciphers_name(PT_CIPHERS_N), "?");
}

PT_TEST_MAIN(PT_TEST_ENTRY(ciphers_lex_elements), PT_TEST_ENTRY(ciphers_lex_errors),
             PT_TEST_ENTRY(ciphers_lex_bounds), PT_TEST_ENTRY(ciphers_lex_sticky),
             PT_TEST_ENTRY(ciphers_openssl), PT_TEST_ENTRY(ciphers_notes),
             PT_TEST_ENTRY(ciphers_syntax), PT_TEST_ENTRY(ciphers_offer))
