/*
 * Parse vectors for grammar/sasl.rl (PLAIN, CRAM-MD5, XOAUTH2 and
 * OAUTHBEARER after base64).
 *
 * Each vector is fed whole (one final call), split at every point
 * (parse(cut, final=0) then parse(all, final=1)) and byte by byte (len
 * growing by one, then the final call); all three must give the same dump,
 * and that dump must be the expected one.  Dumps:
 *   PLAIN     "z[authzid] u[authcid] s[passwd]" then " uctl" / " sctl"
 *   CRAM-MD5  "u[user] s[digest]" then " uctl"
 *   XOAUTH2, OAUTHBEARER  "u[user] s[token]" then " uctl" / " sctl"
 *             (OAUTHBEARER's user still escaped)
 *   INVALID   "INVALID@off" (p->off: the length, or just past a bad NUL)
 * Bytes outside printable ASCII and '\' print as \xNN.  A result the
 * contract forbids (DONE before final, MORE at final) shows in the dump.
 */
#include "pt_test.h"
#include "proto/sasl.h"
#include "util/buf.h"

struct dump { struct pt_wbuf w; uint8_t mem[PT_SASL_MAX * 4 + 256]; };

static void put_bytes(struct pt_wbuf *w, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] >= 0x7f || p[i] == '\\')
			pt_wbuf_fmt(w, "\\x%02x", p[i]);
		else
			pt_wbuf_putc(w, p[i]);
	}
}

static void put_span(struct pt_wbuf *w, const char *tag, const uint8_t *in, struct pt_span s)
{
	pt_wbuf_puts(w, tag);
	pt_wbuf_putc(w, '[');
	put_bytes(w, in + s.off, s.len);
	pt_wbuf_putc(w, ']');
}

static void dump_result(struct dump *d, const struct pt_sasl_parser *sp, enum pt_parse_status st,
                        const uint8_t *in, size_t n)
{
	switch (st) {
	case PT_PARSE_DONE:
		if (sp->off != n)
			pt_wbuf_fmt(&d->w, "!off=%zu ", sp->off);
		if (sp->mech == PT_SASL_PLAIN) {
			put_span(&d->w, "z", in, sp->authzid);
			pt_wbuf_putc(&d->w, ' ');
		}
		put_span(&d->w, "u", in, sp->user);
		pt_wbuf_putc(&d->w, ' ');
		put_span(&d->w, "s", in, sp->secret);
		if (sp->user_has_ctl)
			pt_wbuf_puts(&d->w, " uctl");
		if (sp->secret_has_ctl)
			pt_wbuf_puts(&d->w, " sctl");
		break;
	case PT_PARSE_INVALID:
		pt_wbuf_fmt(&d->w, "INVALID@%zu", sp->off);
		if (sp->user.len || sp->secret.len || sp->authzid.len || sp->user_has_ctl ||
		    sp->secret_has_ctl)
			pt_wbuf_puts(&d->w, " !leftovers");
		break;
	case PT_PARSE_MORE:
		pt_wbuf_puts(&d->w, "!more-at-final");
		break;
	default:
		pt_wbuf_fmt(&d->w, "!status=%d", (int)st);
		break;
	}
	pt_wbuf_cstr(&d->w);
}

/* Not final yet: MORE, or an early INVALID; never DONE. */
static void check_partial(struct dump *d, enum pt_parse_status st)
{
	if (st != PT_PARSE_MORE && st != PT_PARSE_INVALID)
		pt_wbuf_fmt(&d->w, "!partial=%d ", (int)st);
}

/* cut == n and !bytewise: one final call.  Otherwise parse(cut, 0) first,
 * or every length 0..n-1 when bytewise. */
static void run(struct dump *d, enum pt_sasl_mech mech, const uint8_t *in, size_t n, size_t cut,
                int bytewise)
{
	static struct pt_sasl_parser sp;
	enum pt_parse_status st;

	pt_wbuf_init(&d->w, d->mem, sizeof(d->mem));
	pt_sasl_init(&sp, mech);
	if (bytewise) {
		for (size_t i = 0; i < n; i++)
			check_partial(d, pt_sasl_parse(&sp, in, i, 0));
	} else if (cut < n) {
		check_partial(d, pt_sasl_parse(&sp, in, cut, 0));
	}
	st = pt_sasl_parse(&sp, in, n, 1);
	dump_result(d, &sp, st, in, n);
	/* Final results are sticky. */
	if (pt_sasl_parse(&sp, in, n, 1) != st)
		pt_wbuf_puts(&d->w, " !not-sticky");
	pt_wbuf_cstr(&d->w);
}

static int vectors;

static void vec(enum pt_sasl_mech mech, const char *in, size_t n, const char *want)
{
	static struct dump whole, part;
	const uint8_t *b = (const uint8_t *)in;

	vectors++;
	run(&whole, mech, b, n, n, 0);
	PT_CHECK_MEM(whole.w.p, whole.w.len, want, strlen(want));
	for (size_t cut = 0; cut <= n; cut++) {
		run(&part, mech, b, n, cut, 0);
		if (!PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len)) {
			fprintf(stdout, "    split at %zu\n", cut);
			break;
		}
	}
	run(&part, mech, b, n, 0, 1);
	PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);
}

#define P(in, want) vec(PT_SASL_PLAIN, (in), sizeof(in) - 1, (want))
#define C(in, want) vec(PT_SASL_CRAM_MD5, (in), sizeof(in) - 1, (want))
#define X(in, want) vec(PT_SASL_XOAUTH2, (in), sizeof(in) - 1, (want))
#define O(in, want) vec(PT_SASL_OAUTHBEARER, (in), sizeof(in) - 1, (want))

/* RFC 2195 §2's example digest, and a few wrong-length variants. */
#define D32 "b913a602c7eda7a495b4e6e7334d3890"
#define D31 "b913a602c7eda7a495b4e6e7334d389"
#define D33 "b913a602c7eda7a495b4e6e7334d38901"

PT_TEST(plain_valid)
{
	/* RFC 4616 §4 examples. */
	P("\0tim\0tanstaaftanstaaf", "z[] u[tim] s[tanstaaftanstaaf]");
	P("Ursel\0Kurt\0xipj3plmq", "z[Ursel] u[Kurt] s[xipj3plmq]");
	P("\0 user \0 pass word ", "z[] u[ user ] s[ pass word ]");
	P("a@b.example\0c@d.example\0p", "z[a@b.example] u[c@d.example] s[p]");
	/* UTF-8, and bytes that are not UTF-8 at all (any octet but NUL). */
	P("\0J\xc3\xbcrgen\0p\xc3\xa4ss\xe2\x82\xac",
	  "z[] u[J\\xc3\\xbcrgen] s[p\\xc3\\xa4ss\\xe2\\x82\\xac]");
	P("\0\xff\xfe\0\x80\x01", "z[] u[\\xff\\xfe] s[\\x80\\x01]");
}

PT_TEST(plain_empty_parts)
{
	/* nginx's ngx_mail_auth_plain accepts these (see grammar/sasl.rl). */
	P("\0\0pass", "z[] u[] s[pass]");
	P("\0user\0", "z[] u[user] s[]");
	P("\0\0", "z[] u[] s[]");
	P("z\0\0", "z[z] u[] s[]");
}

PT_TEST(plain_invalid)
{
	P("", "INVALID@0");
	P("user", "INVALID@4");
	P("\0", "INVALID@1");
	P("\0user", "INVALID@5");
	P("authz\0", "INVALID@6");
	P("authz\0user", "INVALID@10");
	/* A third NUL: INVALID as soon as it is read (off just past it). */
	P("\0user\0pass\0", "INVALID@11");
	P("\0user\0pa\0ss", "INVALID@9");
	P("\0\0\0", "INVALID@3");
	P("a\0b\0c\0d\0e", "INVALID@6");
}

PT_TEST(plain_ctl)
{
	P("\0us\rer\0pass", "z[] u[us\\x0der] s[pass] uctl");
	P("\0user\0pa\nss", "z[] u[user] s[pa\\x0ass] sctl");
	P("\0user\0pass\r\n", "z[] u[user] s[pass\\x0d\\x0a] sctl");
	P("\0\r\0\n", "z[] u[\\x0d] s[\\x0a] uctl sctl");
	P("\0user\r\nA1 LOGOUT\0x", "z[] u[user\\x0d\\x0aA1 LOGOUT] s[x] uctl");
	/* The authzid is dropped, so CR/LF there is no one's concern. */
	P("a\r\nb\0user\0pass", "z[a\\x0d\\x0ab] u[user] s[pass]");
	/* Other control bytes are not flagged: backends' business. */
	P("\0u\tv\0p\x01", "z[] u[u\\x09v] s[p\\x01]");
}

PT_TEST(cram_valid)
{
	/* RFC 2195 §2 example. */
	C("tim " D32, "u[tim] s[" D32 "]");
	C("tim B913A602C7EDA7A495B4E6E7334D3890", "u[tim] s[B913A602C7EDA7A495B4E6E7334D3890]");
	C("tim b913A602c7EDA7a495B4e6e7334d3890", "u[tim] s[b913A602c7EDA7a495B4e6e7334d3890]");
	/* The last space splits. */
	C("John Smith " D32, "u[John Smith] s[" D32 "]");
	C("a b c " D32, "u[a b c] s[" D32 "]");
	C("tim  " D32, "u[tim ] s[" D32 "]");
	C("  " D32, "u[ ] s[" D32 "]");
	/* A user that looks like a digest. */
	C("0123456789abcdef0123456789abcdef " D32, "u[0123456789abcdef0123456789abcdef] s[" D32 "]");
	C("tim 0123456789abcdef0123456789abcdef " D32,
	  "u[tim 0123456789abcdef0123456789abcdef] s[" D32 "]");
	C("J\xc3\xbcrgen " D32, "u[J\\xc3\\xbcrgen] s[" D32 "]");
	C("x " D32, "u[x] s[" D32 "]");
}

PT_TEST(cram_invalid)
{
	C("", "INVALID@0");
	C("tim", "INVALID@3");
	C("tim ", "INVALID@4");
	C("tim " D31, "INVALID@35");
	C("tim " D33, "INVALID@37");
	C("tim b913a602c7eda7a495b4e6e7334d389g", "INVALID@36");
	C("tim b913a602c7eda7a495b4e6e7334d389-", "INVALID@36");
	C("tim b913a602c7eda7a4 95b4e6e7334d3890", "INVALID@37");
	/* Empty user, no user, no separator. */
	C(" " D32, "INVALID@33");
	C(D32, "INVALID@32");
	C("tim" D32, "INVALID@35");
	/* The digest must end the input. */
	C("tim " D32 " ", "INVALID@37");
	C("tim " D32 "\r\n", "INVALID@38");
	C("tim\t" D32, "INVALID@36");
	/* NUL anywhere: INVALID at once, off just past it. */
	C("ti\0m " D32, "INVALID@3");
	C("tim b913\0" D32, "INVALID@9");
	C("tim " D32 "\0", "INVALID@37");
}

PT_TEST(cram_ctl)
{
	C("ti\rm " D32, "u[ti\\x0dm] s[" D32 "] uctl");
	C("tim\r\nA LOGOUT\r\n " D32, "u[tim\\x0d\\x0aA LOGOUT\\x0d\\x0a] s[" D32 "] uctl");
	C("\n " D32, "u[\\x0a] s[" D32 "] uctl");
}

/* The early INVALIDs of sasl.h come with final=0 too. */
static void early(enum pt_sasl_mech mech, const char *in, size_t n, size_t off)
{
	struct pt_sasl_parser sp;

	pt_sasl_init(&sp, mech);
	PT_CHECK_EQ(pt_sasl_parse(&sp, (const uint8_t *)in, n, 0), PT_PARSE_INVALID);
	PT_CHECK_EQ(sp.off, off);
	/* Sticky, with more input and at final. */
	PT_CHECK_EQ(pt_sasl_parse(&sp, (const uint8_t *)in, n, 1), PT_PARSE_INVALID);
	PT_CHECK_EQ(sp.off, off);
}

#define EP(in, off) early(PT_SASL_PLAIN, (in), sizeof(in) - 1, (off))
#define EC(in, off) early(PT_SASL_CRAM_MD5, (in), sizeof(in) - 1, (off))

PT_TEST(early_invalid)
{
	EP("\0u\0p\0", 5);
	EP("\0\0\0more bytes", 3);
	EC("\0", 1);
	EC("tim \0", 5);
}

PT_TEST(not_early)
{
	/* Anything short of a bad NUL may still become valid: MORE. */
	struct pt_sasl_parser sp;

#define M(mech, in) do { \
		pt_sasl_init(&sp, (mech)); \
		PT_CHECK_EQ(pt_sasl_parse(&sp, (const uint8_t *)(in), sizeof(in) - 1, 0), PT_PARSE_MORE); \
	} while (0)
	M(PT_SASL_PLAIN, "");
	M(PT_SASL_PLAIN, "user");
	M(PT_SASL_PLAIN, "\0user");
	M(PT_SASL_PLAIN, "authz\0user\0pass");
	M(PT_SASL_PLAIN, "\0user\0pass\r\n");
	M(PT_SASL_CRAM_MD5, "");
	M(PT_SASL_CRAM_MD5, " ");
	M(PT_SASL_CRAM_MD5, "tim " D31);
	M(PT_SASL_CRAM_MD5, "tim " D33);
	M(PT_SASL_CRAM_MD5, "tim " D32 "\r\n");
#undef M
}

PT_TEST(bound)
{
	static uint8_t in[PT_SASL_MAX + 64];
	static struct dump whole, part;
	struct pt_sasl_parser sp;
	size_t n;

	/* PLAIN of exactly PT_SASL_MAX bytes: valid. */
	memset(in, 'x', sizeof(in));
	in[0] = 0;
	in[2] = 0;
	n = PT_SASL_MAX;
	pt_sasl_init(&sp, PT_SASL_PLAIN);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, n, 1), PT_PARSE_DONE);
	PT_CHECK_EQ(sp.secret.off, 3);
	PT_CHECK_EQ(sp.secret.len, PT_SASL_MAX - 3);
	PT_CHECK_EQ(sp.off, PT_SASL_MAX);

	/* One more byte: INVALID, early, off just past the bound. */
	n = PT_SASL_MAX + 1;
	pt_sasl_init(&sp, PT_SASL_PLAIN);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, n, 0), PT_PARSE_INVALID);
	PT_CHECK_EQ(sp.off, PT_SASL_MAX + 1);
	run(&whole, PT_SASL_PLAIN, in, n, n, 0);
	{
		char want[32];
		snprintf(want, sizeof(want), "INVALID@%u", (unsigned)PT_SASL_MAX + 1);
		PT_CHECK_STR((char *)whole.w.p, want);
	}
	for (size_t cut = 0; cut <= n; cut += 97) {
		run(&part, PT_SASL_PLAIN, in, n, cut, 0);
		PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);
	}
	run(&part, PT_SASL_PLAIN, in, n, 0, 1);
	PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);

	/* A bad NUL before the bound wins over the bound, at every split. */
	in[10] = 0;
	n = PT_SASL_MAX + 50;
	run(&whole, PT_SASL_PLAIN, in, n, n, 0);
	PT_CHECK_STR((char *)whole.w.p, "INVALID@11");
	for (size_t cut = 0; cut <= n; cut += 13) {
		run(&part, PT_SASL_PLAIN, in, n, cut, 0);
		PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);
	}

	/* CRAM-MD5 with a user that fills the bound. */
	memset(in, 'u', sizeof(in));
	n = PT_SASL_MAX;
	memcpy(in + n - 33, " " D32, 33);
	pt_sasl_init(&sp, PT_SASL_CRAM_MD5);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, n, 1), PT_PARSE_DONE);
	PT_CHECK_EQ(sp.user.len, PT_SASL_MAX - 33);
	memmove(in + 1, in, n);
	n++;
	pt_sasl_init(&sp, PT_SASL_CRAM_MD5);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, n, 1), PT_PARSE_INVALID);
	PT_CHECK_EQ(sp.off, PT_SASL_MAX + 1);
}

PT_TEST(xoauth2)
{
	/* Google's example form. */
	X("user=someuser@example.com\001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\001\001",
	  "u[someuser@example.com] s[ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg]");
	/* Keywords without case (nginx's strncasecmp), blanks after Bearer. */
	X("USER=a\001AUTH=bearer   t0k\001\001", "u[a] s[t0k]");
	/* An empty user goes to the auth server (nginx); a blank inside the
	 * token stays part of it. */
	X("user=\001auth=Bearer t\001\001", "u[] s[t]");
	X("user=a b\001auth=Bearer t u \001\001", "u[a b] s[t u ]");
	/* CR, LF and NUL are flagged, for the caller to refuse. */
	X("user=a\r\nb\001auth=Bearer t\001\001", "u[a\\x0d\\x0ab] s[t] uctl");
	X("user=a\001auth=Bearer t\r\n\001\001", "u[a] s[t\\x0d\\x0a] sctl");
	X("user=a\0\001auth=Bearer t\0\001\001", "u[a\\x00] s[t\\x00] uctl sctl");
	/* Wrong: no token, no auth=, another scheme, a missing kvsep. */
	X("user=a\001auth=Bearer \001\001", "INVALID@20");
	X("user=a\001auth=Bearer\001\001", "INVALID@19");
	/* A token does not start with a blank: a tab there is refused, as
	 * OAUTHBEARER's. */
	X("user=a\001auth=Bearer \tt\001\001", "INVALID@20");
	X("user=a\001\001", "INVALID@8");
	X("user=a\001auth=Basic dDp0\001\001", "INVALID@14");
	X("user=a\001auth=Bearer t\001", "INVALID@21");
	X("user=a\001auth=Bearer t", "INVALID@20");
	X("user=a\001auth=Bearer t\001\001\001", "INVALID@23");
	X("usr=a\001auth=Bearer t\001\001", "INVALID@3");
	X("", "INVALID@0");
}

PT_TEST(oauthbearer)
{
	/* RFC 7628 §4.1's example. */
	O("n,a=user@example.com,\001host=server.example.com\001port=143\001"
	  "auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\001\001",
	  "u[user@example.com] s[vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==]");
	/* The pairs in any order, y and p= flags, the F prefix, escapes kept
	 * for pt_sasl_gs2_unescape. */
	O("y,a=u,\001auth=Bearer t\001host=h\001\001", "u[u] s[t]");
	O("p=tls-unique,a=u,\001auth=bearer  t\001\001", "u[u] s[t]");
	O("F,n,a=u,\001auth=Bearer t\001\001", "u[u] s[t]");
	O("n,a=test=3D=2C@example.com,\001auth=Bearer t\001\001", "u[test=3D=2C@example.com] s[t]");
	O("n,a=x=2c=3d,\001AUTH=Bearer t\001\001", "u[x=2c=3d] s[t]");
	/* Values may hold blanks, CR and LF (§3.1); in the token they are flagged. */
	O("n,a=u,\001host=a b\r\n\001auth=Bearer t\r\n\001\001", "u[u] s[t\\x0d\\x0a] sctl");
	O("n,a=u\r\n,\001auth=Bearer t\001\001", "u[u\\x0d\\x0a] s[t] uctl");
	/* Wrong: no authzid (freenginx), a bad escape, no auth=, two of them,
	 * another scheme, a bad key, the lone kvsep, a missing end. */
	O("n,,\001auth=Bearer t\001\001", "INVALID@3");
	O("n,a=,\001auth=Bearer t\001\001", "INVALID@5");
	O("n,a=x=41,\001auth=Bearer t\001\001", "INVALID@7");
	O("n,a=u,\001host=h\001\001", "INVALID@15");
	O("n,a=u,\001auth=Bearer t\001auth=Bearer s\001\001", "INVALID@36");
	O("n,a=u,\001auth=Basic dDp0\001\001", "INVALID@14");
	O("n,a=u,\001ho-st=h\001auth=Bearer t\001\001", "INVALID@10");
	O("n,a=u,\001auth=Bearer t\001", "INVALID@21");
	O("\001", "INVALID@1");
	O("x,a=u,\001auth=Bearer t\001\001", "INVALID@1");
	O("n,a=u\0,\001auth=Bearer t\001\001", "INVALID@6");
	O("n,a=u,\001host=\x7f\001auth=Bearer t\001\001", "INVALID@13");
}

PT_TEST(gs2_unescape)
{
	uint8_t b[] = "test=3D=2C@example.com=2c=3d";
	size_t n = pt_sasl_gs2_unescape(b, sizeof(b) - 1);

	PT_CHECK_MEM(b, n, "test=,@example.com,=", 20);
	PT_CHECK_EQ(pt_sasl_gs2_unescape(b, 0), 0);
}

PT_TEST(api_edges)
{
	struct pt_sasl_parser sp;
	static const uint8_t in[] = "\0u\0p";     /* 4 bytes and the literal's NUL */

	/* DONE is sticky and keeps its spans. */
	pt_sasl_init(&sp, PT_SASL_PLAIN);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 4, 1), PT_PARSE_DONE);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 4, 0), PT_PARSE_DONE);
	PT_CHECK_EQ(sp.user.off, 1);
	PT_CHECK_EQ(sp.user.len, 1);
	PT_CHECK_EQ(sp.secret.off, 3);
	PT_CHECK_EQ(sp.secret.len, 1);

	/* A buffer that shrinks between calls is refused. */
	pt_sasl_init(&sp, PT_SASL_PLAIN);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 4, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 2, 1), PT_PARSE_INVALID);

	/* The same len twice is harmless. */
	pt_sasl_init(&sp, PT_SASL_PLAIN);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 3, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 3, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 4, 1), PT_PARSE_DONE);
	PT_CHECK_EQ(sp.secret.len, 1);

	/* An unknown mechanism never parses. */
	pt_sasl_init(&sp, (enum pt_sasl_mech)0);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 4, 1), PT_PARSE_INVALID);
	pt_sasl_init(&sp, (enum pt_sasl_mech)99);
	PT_CHECK_EQ(pt_sasl_parse(&sp, in, 4, 0), PT_PARSE_INVALID);
}

#define H(s, want) PT_CHECK_EQ(pt_sasl_has_ctl((const uint8_t *)(s), sizeof(s) - 1), (want))

PT_TEST(has_ctl)
{
	H("", 0);
	H("user", 0);
	H("pass word\t\x01\x7f\x80\xff", 0);
	H("\r", 1);
	H("\n", 1);
	H("\0", 1);
	H("us\rer", 1);
	H("user\n", 1);
	H("\0user", 1);
	H("pa\0ss", 1);
	H("a\r\nb", 1);
	H("J\xc3\xbcrgen", 0);
	/* Only [0, n) counts. */
	PT_CHECK_EQ(pt_sasl_has_ctl((const uint8_t *)"ab\r", 2), 0);
	PT_CHECK_EQ(pt_sasl_has_ctl(NULL, 0), 0);
}

/* The flags of a DONE agree with pt_sasl_has_ctl over the spans. */
PT_TEST(flags_match_has_ctl)
{
	static const char *const in[] = { "\0us\rer\0pa\nss", "z\r\0u\0p", "\0\0", "\0a\0\r" };
	static const size_t n[] = { 12, 6, 2, 4 };
	struct pt_sasl_parser sp;

	for (size_t i = 0; i < 4; i++) {
		const uint8_t *b = (const uint8_t *)in[i];
		pt_sasl_init(&sp, PT_SASL_PLAIN);
		if (!PT_CHECK_EQ(pt_sasl_parse(&sp, b, n[i], 1), PT_PARSE_DONE))
			continue;
		PT_CHECK_EQ(sp.user_has_ctl, pt_sasl_has_ctl(b + sp.user.off, sp.user.len));
		PT_CHECK_EQ(sp.secret_has_ctl, pt_sasl_has_ctl(b + sp.secret.off, sp.secret.len));
	}
}

PT_TEST(vector_count)
{
	/* STYLE habit 7 and the task: a real set of vectors, not a token one. */
	PT_CHECK(vectors >= 30);
}

PT_TEST_MAIN(PT_TEST_ENTRY(plain_valid), PT_TEST_ENTRY(plain_empty_parts),
             PT_TEST_ENTRY(plain_invalid), PT_TEST_ENTRY(plain_ctl), PT_TEST_ENTRY(cram_valid),
             PT_TEST_ENTRY(cram_invalid), PT_TEST_ENTRY(cram_ctl), PT_TEST_ENTRY(early_invalid),
             PT_TEST_ENTRY(not_early), PT_TEST_ENTRY(bound), PT_TEST_ENTRY(xoauth2),
             PT_TEST_ENTRY(oauthbearer), PT_TEST_ENTRY(gs2_unescape), PT_TEST_ENTRY(api_edges),
             PT_TEST_ENTRY(has_ctl), PT_TEST_ENTRY(flags_match_has_ctl),
             PT_TEST_ENTRY(vector_count))
