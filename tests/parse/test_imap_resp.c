/*
 * Parse vectors for grammar/imap_resp.rl.  Each vector is a stream of
 * backend bytes, fed the way the core feeds proxy_buffer: whole, split at
 * every point into two chunks, and byte by byte.  After DONE or INVALID
 * the driver drops p->off bytes and re-initialises, as parse.h says.  All
 * three feeds must give the same dump, and that dump the expected one.
 *
 * Dump: one item per line read, separated by spaces:
 *   U(cond)@n      untagged, n bytes with CRLF
 *   C@n            continuation
 *   T[tag](cond)@n tagged
 *   !@n            INVALID, n bytes up to and including the LF
 * then " more(k)" if k bytes of an unfinished line are left.
 * Every call gets a heap copy of exactly the bytes offered, so ASan sees
 * any read past len.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "proto/imap_resp.h"
#include "util/buf.h"

struct dump { struct pt_wbuf w; uint8_t mem[8192]; };

static const char *cond_name(enum pt_imap_resp_cond c)
{
	switch (c) {
	case PT_IMAP_COND_OTHER: return "OTHER";
	case PT_IMAP_COND_OK: return "OK";
	case PT_IMAP_COND_NO: return "NO";
	case PT_IMAP_COND_BAD: return "BAD";
	case PT_IMAP_COND_PREAUTH: return "PREAUTH";
	case PT_IMAP_COND_BYE: return "BYE";
	default: return "?";
	}
}

static void dump_item(struct dump *d, const struct pt_imap_resp_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	if (d->w.len)
		pt_wbuf_putc(&d->w, ' ');
	if (st == PT_PARSE_INVALID) {
		pt_wbuf_fmt(&d->w, "!@%zu", P->off);
		return;
	}
	switch (P->kind) {
	case PT_IMAP_RESP_UNTAGGED:
		pt_wbuf_fmt(&d->w, "U(%s)", cond_name(P->cond));
		break;
	case PT_IMAP_RESP_CONTINUE:
		pt_wbuf_putc(&d->w, 'C');
		break;
	case PT_IMAP_RESP_TAGGED:
		pt_wbuf_putc(&d->w, 'T');
		pt_wbuf_putc(&d->w, '[');
		pt_wbuf_put(&d->w, buf + P->tag.off, P->tag.len);
		pt_wbuf_fmt(&d->w, "](%s)", cond_name(P->cond));
		break;
	default:
		pt_wbuf_puts(&d->w, "?");
		break;
	}
	pt_wbuf_fmt(&d->w, "@%zu", P->off);
}

/* One call on a copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_imap_resp_parser *P, const uint8_t *in, size_t base,
                                 size_t fed, struct dump *d)
{
	size_t len = fed - base, before = P->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_imap_resp_parse(P, buf, len);
	PT_CHECK(P->off >= before && P->off <= len);
	if (st == PT_PARSE_MORE)
		PT_CHECK(P->off == len);   /* every offered byte is read */
	else
		dump_item(d, P, buf, st);
	free(buf);
	return st;
}

/* Feed in[0..n): bytewise, or two chunks cut at `cut`. */
static void run_split(struct dump *d, const char *in_, size_t n, size_t cut, int bytewise)
{
	static struct pt_imap_resp_parser P;
	const uint8_t *in = (const uint8_t *)in_;
	size_t base = 0, fed = 0;

	pt_wbuf_init(&d->w, d->mem, sizeof(d->mem));
	pt_imap_resp_init(&P);
	do {
		fed = bytewise ? fed + 1 : (fed < cut ? cut : n);
		if (fed > n)
			fed = n;
		while (call(&P, in, base, fed, d) != PT_PARSE_MORE) {
			base += P.off;
			pt_imap_resp_init(&P);
		}
	} while (fed < n);
	if (P.off)
		pt_wbuf_fmt(&d->w, " more(%zu)", P.off);
	pt_wbuf_cstr(&d->w);
}

static void vec(const char *in, size_t n, const char *want)
{
	static struct dump whole, part;

	run_split(&whole, in, n, n, 0);
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

#define V(in, want) vec((in), sizeof(in) - 1, (want))

PT_TEST(resp_untagged)
{
	V("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ "
	  "AUTH=PLAIN] Dovecot ready.\r\n", "U(OK)@103");
	V("* OK IMAP4 ready\r\n", "U(OK)@18");
	V("* ok hi\r\n", "U(OK)@9");
	V("* oK\r\n", "U(OK)@6");
	V("* PREAUTH IMAP4rev1 server logged in as Smith\r\n", "U(PREAUTH)@47");
	V("* preAuth x\r\n", "U(PREAUTH)@13");
	V("* BYE Autologout; idle for too long\r\n", "U(BYE)@37");
	V("* bye\r\n", "U(BYE)@7");
	V("* NO disk full\r\n", "U(NO)@16");
	V("* bAd x\r\n", "U(BAD)@9");
	V("* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n", "U(OTHER)@59");
	V("* 3 EXISTS\r\n", "U(OTHER)@12");
	V("* OKAY fine\r\n", "U(OTHER)@13");
	V("* O\r\n", "U(OTHER)@5");
	V("* PREAUT x\r\n", "U(OTHER)@12");
	V("* BYEBYE\r\n", "U(OTHER)@10");
	V("* OK[ALERT] x\r\n", "U(OTHER)@15");
	V("* OK\tx\r\n", "U(OTHER)@8");
	V("* OK \r\n", "U(OK)@7");
	V("* OK a  b\t c\r\n", "U(OK)@14");
}

PT_TEST(resp_continue)
{
	V("+\r\n", "C@3");
	V("+ \r\n", "C@4");
	V("+ OK\r\n", "C@6");
	V("+ VXNlcm5hbWU6\r\n", "C@16");
	V("+ Ready for additional command text\r\n", "C@37");
	V("+OK\r\n", "!@5");
	V("++\r\n", "!@4");
}

PT_TEST(resp_tagged)
{
	V("a1 OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE SORT] Logged in\r\n",
	  "T[a1](OK)@68");
	V("a1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n", "T[a1](NO)@53");
	V("A0001 bad Error in IMAP command\r\n", "T[A0001](BAD)@33");
	V("a1 ok\r\n", "T[a1](OK)@7");
	V("1 No x\r\n", "T[1](NO)@8");
	V("a.b-c_d] OK x\r\n", "T[a.b-c_d]](OK)@15");
	V("]]] BYE x\r\n", "T[]]]](BYE)@11");
	V("x!#$&'-/:;<=>?@[^_`|}~ OK x\r\n", "T[x!#$&'-/:;<=>?@[^_`|}~](OK)@29");
	V("a1 PREAUTH x\r\n", "T[a1](PREAUTH)@14");
	V("a1 CAPABILITY x\r\n", "T[a1](OTHER)@17");
	V("a1 OK \r\n", "T[a1](OK)@8");
}

PT_TEST(resp_tag_bytes)
{
	V("a(1 OK\r\n", "!@8");
	V("a)1 OK\r\n", "!@8");
	V("a{1 OK\r\n", "!@8");
	V("a%1 OK\r\n", "!@8");
	V("a*1 OK\r\n", "!@8");
	V("a\"1 OK\r\n", "!@8");
	V("a\\1 OK\r\n", "!@8");
	V("a+1 OK\r\n", "!@8");
	V("\x7f OK\r\n", "!@6");
	V("\xc3\xa9 OK\r\n", "!@7");
	V("a\x01 OK\r\n", "!@7");
	V("a\0 OK\r\n", "!@7");
	V("\ta1 OK\r\n", "!@8");
	V(" * OK\r\n", "!@7");
}

PT_TEST(resp_missing_parts)
{
	V("\r\n", "!@2");
	V("\n", "!@1");
	V("*\r\n", "!@3");
	V("* \r\n", "!@4");
	V("*OK\r\n", "!@5");
	V("*  OK\r\n", "!@7");
	V("a1\r\n", "!@4");
	V("a1 \r\n", "!@5");
	V("a1  OK\r\n", "!@8");
	V("a1\tOK\r\n", "!@7");
}

PT_TEST(resp_line_ends)
{
	V("* OK hi\n", "!@8");
	V("a1 OK\n", "!@6");
	V("+\n", "!@2");
	V("* OK a\rb\r\n", "!@10");
	V("a1 OK\r\r\n", "!@8");
	V("* OK\r\r", " more(6)");
	V("* OK h\0i\r\n", "!@10");
	V("\0\r\n", "!@3");
	V("a1 OK x\rz\n", "!@10");
}

PT_TEST(resp_text_bytes)
{
	/* RFC 9051: text is UTF-8; any byte but CR, LF and NUL passes. */
	V("* OK \xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\r\n", "U(OK)@19");
	V("a1 NO caf\xc3\xa9 \xff\x80\x01\x7f\r\n", "T[a1](NO)@18");
	V("* \xc3\xa9t\xc3\xa9\r\n", "U(OTHER)@9");
}

PT_TEST(resp_streams)
{
	V("", "");
	V("* OK rea", " more(8)");
	V("* OK\r", " more(5)");
	V("a1", " more(2)");
	V("* OK ready\r\n+ go\r\na1 OK done\r\n", "U(OK)@12 C@6 T[a1](OK)@12");
	V("* CAPABILITY IMAP4rev1\r\na1 OK Logged in\r\n", "U(OTHER)@24 T[a1](OK)@17");
	V("bad\nA1 OK x\r\n", "!@4 T[A1](OK)@9");
	V("\n\n* BYE\r\n", "!@1 !@1 U(BYE)@7");
	V("a1 OK\r\n* BYE x", "T[a1](OK)@7 more(7)");
	V("junk \0 \r junk\r\n+\r\n", "!@15 C@3");
}

PT_TEST(resp_tag_bound)
{
	static char in[PT_IMAP_RESP_TAG_MAX + 16];
	static char want[PT_IMAP_RESP_TAG_MAX + 32];
	size_t n = 0;

	for (int i = 0; i < PT_IMAP_RESP_TAG_MAX; i++)
		in[n++] = (char)('a' + i % 26);
	memcpy(in + n, " OK\r\n", 5);
	n += 5;
	memcpy(want, "T[", 2);
	memcpy(want + 2, in, PT_IMAP_RESP_TAG_MAX);
	snprintf(want + 2 + PT_IMAP_RESP_TAG_MAX, sizeof(want) - 2 - PT_IMAP_RESP_TAG_MAX, "](OK)@%zu", n);
	vec(in, n, want);

	/* One more tag byte: INVALID, read to the LF. */
	n = 0;
	for (int i = 0; i <= PT_IMAP_RESP_TAG_MAX; i++)
		in[n++] = 'x';
	memcpy(in + n, " OK\r\n", 5);
	n += 5;
	snprintf(want, sizeof(want), "!@%zu", n);
	vec(in, n, want);
}

PT_TEST(resp_spans)
{
	/* The tag span is an offset into buf, and the parser is sticky. */
	static const uint8_t line[] = "tag7 OK x\r\nnext";
	struct pt_imap_resp_parser P;

	pt_imap_resp_init(&P);
	PT_CHECK_EQ(pt_imap_resp_parse(&P, line, 4), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_imap_resp_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 11);
	PT_CHECK_EQ(P.tag.off, 0);
	PT_CHECK_EQ(P.tag.len, 4);
	PT_CHECK_EQ(pt_imap_resp_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 11);

	/* A buffer shorter than what was read is refused, not read. */
	pt_imap_resp_init(&P);
	PT_CHECK_EQ(pt_imap_resp_parse(&P, line, 6), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_imap_resp_parse(&P, line, 3), PT_PARSE_INVALID);
}

PT_TEST_MAIN(PT_TEST_ENTRY(resp_untagged), PT_TEST_ENTRY(resp_continue),
             PT_TEST_ENTRY(resp_tagged), PT_TEST_ENTRY(resp_tag_bytes),
             PT_TEST_ENTRY(resp_missing_parts), PT_TEST_ENTRY(resp_line_ends),
             PT_TEST_ENTRY(resp_text_bytes), PT_TEST_ENTRY(resp_streams),
             PT_TEST_ENTRY(resp_tag_bound), PT_TEST_ENTRY(resp_spans))
