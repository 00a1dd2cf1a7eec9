/*
 * Parse vectors for grammar/smtp_resp.rl (SMTP replies, single- and
 * multi-line).  Each vector is a stream of backend bytes, fed the way the
 * core feeds proxy_buffer: whole, split at every point into two chunks,
 * and byte by byte.  After DONE or INVALID the driver drops p->off bytes
 * and re-initialises, as parse.h says.  All three feeds must give the same
 * dump, and that dump the expected one.
 *
 * Dump: one item per reply read, separated by spaces:
 *   D@n code/k [plain] [login] [xclient] [starttls]
 *                  DONE: n bytes with the last CRLF, k lines, the EHLO
 *                  flags that are set
 *   I@n/k          INVALID, n bytes up to and including the LF of the bad
 *                  line, k lines read (the bad one included)
 *   M@n            the stream ended inside a reply
 * Every call gets a heap copy of exactly the bytes offered, so ASan sees
 * any read past len; after every call the invariants (off never goes
 * back, <= len, == len on MORE, lines <= max, a code of 100..559 on DONE,
 * no code or flag on INVALID, the item ends in LF) are checked, and a
 * violation shows as "!inv".
 */
#include <stdlib.h>

#include "pt_test.h"
#include "proto/smtp_resp.h"
#include "util/buf.h"

struct dump { struct pt_wbuf w; uint8_t mem[8192]; };

static void sep(struct dump *d)
{
	if (d->w.len)
		pt_wbuf_putc(&d->w, ' ');
}

static void dump_item(struct dump *d, const struct pt_smtp_resp_parser *R,
                      enum pt_parse_status st)
{
	sep(d);
	if (st == PT_PARSE_INVALID) {
		pt_wbuf_fmt(&d->w, "I@%zu/%u", R->off, R->lines);
		return;
	}
	pt_wbuf_fmt(&d->w, "D@%zu %u/%u", R->off, R->code, R->lines);
	if (R->ehlo_auth_plain)
		pt_wbuf_puts(&d->w, " plain");
	if (R->ehlo_auth_login)
		pt_wbuf_puts(&d->w, " login");
	if (R->ehlo_xclient)
		pt_wbuf_puts(&d->w, " xclient");
	if (R->ehlo_starttls)
		pt_wbuf_puts(&d->w, " starttls");
}

static int invariants(const struct pt_smtp_resp_parser *R, enum pt_parse_status st,
                      size_t before, size_t len, const uint8_t *buf)
{
	if (R->off < before || R->off > len || R->lines > PT_SMTP_RESP_LINES_MAX + 1 ||
	    R->mark > R->off)
		return 0;
	switch (st) {
	case PT_PARSE_MORE:
		return R->off == len && R->lines < PT_SMTP_RESP_LINES_MAX + 1;
	case PT_PARSE_DONE:
		return R->code >= 100 && R->code <= 559 && R->lines >= 1 &&
		       R->lines <= PT_SMTP_RESP_LINES_MAX && R->off >= 5 &&
		       buf[R->off - 2] == '\r' && buf[R->off - 1] == '\n';
	case PT_PARSE_INVALID:
		return R->code == 0 && !R->ehlo_auth_plain && !R->ehlo_auth_login &&
		       !R->ehlo_xclient && !R->ehlo_starttls && R->lines >= 1 && R->off >= 1 &&
		       buf[R->off - 1] == '\n';
	default:
		return 0;
	}
}

/* One call on a heap copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_smtp_resp_parser *R, const uint8_t *in, size_t base,
                                 size_t fed, struct dump *d, int *bad)
{
	size_t len = fed - base, before = R->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_smtp_resp_parse(R, buf, len);
	if (!invariants(R, st, before, len, buf))
		*bad = 1;
	if (st != PT_PARSE_MORE)
		dump_item(d, R, st);
	free(buf);
	return st;
}

enum feed { FEED_WHOLE, FEED_SPLIT, FEED_BYTES };

static void run(struct dump *d, const uint8_t *in, size_t n, enum feed how, size_t cut)
{
	static struct pt_smtp_resp_parser R;
	size_t fed = how == FEED_WHOLE ? n : how == FEED_SPLIT ? cut : 0;
	size_t base = 0, calls = 0;
	int bad = 0;

	pt_wbuf_init(&d->w, d->mem, sizeof(d->mem));
	pt_smtp_resp_init(&R);
	for (;;) {
		enum pt_parse_status st = call(&R, in, base, fed, d, &bad);

		if (++calls > 4 * n + 16) {
			pt_wbuf_puts(&d->w, " !loop");
			break;
		}
		if (st != PT_PARSE_MORE) {
			base += R.off;
			pt_smtp_resp_init(&R);
			if (base == n)
				break;
			continue;
		}
		if (fed == n) {
			sep(d);
			pt_wbuf_fmt(&d->w, "M@%zu", R.off);
			break;
		}
		fed = how == FEED_SPLIT ? n : fed + 1;
	}
	if (bad)
		pt_wbuf_puts(&d->w, " !inv");
	pt_wbuf_cstr(&d->w);
}

static int n_vectors;

static void vec(const char *in, size_t n, const char *want)
{
	static struct dump whole, part;
	const uint8_t *u = (const uint8_t *)in;

	n_vectors++;
	run(&whole, u, n, FEED_WHOLE, n);
	if (!PT_CHECK_MEM(whole.w.p, whole.w.len, want, strlen(want)))
		fprintf(stdout, "    input: \"%.*s\"\n", (int)(n > 200 ? 200 : n), in);
	for (size_t cut = 0; cut <= n; cut++) {
		run(&part, u, n, FEED_SPLIT, cut);
		if (!PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len)) {
			fprintf(stdout, "    split at %zu\n", cut);
			break;
		}
	}
	run(&part, u, n, FEED_BYTES, 0);
	PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);
}

#define V(in, want) vec((in), sizeof(in) - 1, (want))

PT_TEST(resp_greetings)
{
	V("220 mail.example.com ESMTP Postfix (Debian/GNU)\r\n", "D@49 220/1");
	V("220 mx.example.org ESMTP Exim 4.96 Mon, 01 Jan 2024 00:00:00 +0000\r\n",
	  "D@68 220/1");
	V("220 EX01.corp.example.com Microsoft ESMTP MAIL Service ready at "
	  "Mon, 1 Jan 2024 00:00:00 +0000\r\n", "D@96 220/1");
	V("220-mail.example.com ESMTP\r\n220-Unauthorized use prohibited\r\n220 \r\n",
	  "D@67 220/3");
	V("220\r\n", "D@5 220/1");
	V("220 \r\n", "D@6 220/1");
	V("220-x\r\n220\r\n", "D@12 220/2");
	V("220-\r\n220-\r\n220 ok\r\n", "D@20 220/3");
	V("554 5.3.2 Service currently unavailable\r\n", "D@41 554/1");
	V("421 4.3.2 Service shutting down\r\n", "D@33 421/1");
}

PT_TEST(resp_ehlo)
{
	/* Postfix, with SASL and XCLIENT for the proxy. */
	V("250-mail.example.com\r\n"
	  "250-PIPELINING\r\n"
	  "250-SIZE 10240000\r\n"
	  "250-VRFY\r\n"
	  "250-ETRN\r\n"
	  "250-STARTTLS\r\n"
	  "250-AUTH PLAIN LOGIN\r\n"
	  "250-AUTH=PLAIN LOGIN\r\n"
	  "250-ENHANCEDSTATUSCODES\r\n"
	  "250-8BITMIME\r\n"
	  "250-XCLIENT NAME ADDR PROTO HELO REVERSE_NAME PORT LOGIN DESTADDR DESTPORT\r\n"
	  "250-DSN\r\n"
	  "250 CHUNKING\r\n",
	  "D@273 250/13 plain login xclient starttls");
	V("250-mail.example.com\r\n250 AUTH PLAIN LOGIN\r\n", "D@44 250/2 plain login");
	V("250-mail.example.com\r\n250 AUTH LOGIN\r\n", "D@38 250/2 login");
	V("250-x\r\n250-auth cram-md5 plain\r\n250 OK\r\n", "D@40 250/3 plain");
	V("250-x\r\n250 AUTH=LOGIN\r\n", "D@23 250/2 login");
	V("250-x\r\n250 AUTH=LOGIN  PLAIN \r\n", "D@31 250/2 plain login");
	V("250-x\r\n250 Auth GSSAPI NTLM\r\n", "D@29 250/2");
	V("250-x\r\n250 AUTH=  PLAIN\r\n", "D@25 250/2 plain");
	V("250-x\r\n250 AUTH\r\n", "D@17 250/2");
	V("250-x\r\n250 XCLIENT ADDR NAME\r\n", "D@30 250/2 xclient");
	V("250-x\r\n250-xclient\r\n250 STARTTLS\r\n", "D@34 250/3 xclient starttls");
	V("250-x\r\n250-starttls\r\n250 HELP\r\n", "D@31 250/3 starttls");
	/* Exchange: AUTH after X-ANONYMOUSTLS, "250-STARTTLS" early. */
	V("250-EX01.corp.example.com Hello [192.0.2.1]\r\n"
	  "250-SIZE 37748736\r\n"
	  "250-PIPELINING\r\n"
	  "250-DSN\r\n"
	  "250-ENHANCEDSTATUSCODES\r\n"
	  "250-STARTTLS\r\n"
	  "250-X-ANONYMOUSTLS\r\n"
	  "250-AUTH NTLM LOGIN\r\n"
	  "250-X-EXPS GSSAPI NTLM\r\n"
	  "250-8BITMIME\r\n"
	  "250-BINARYMIME\r\n"
	  "250-CHUNKING\r\n"
	  "250 XRDST\r\n",
	  "D@248 250/13 login starttls");
}

PT_TEST(resp_ehlo_keyword_words)
{
	/* Whole words only, at the start of a later line. */
	V("250-x\r\n250-STARTTLSX\r\n250 XCLIENTS\r\n", "D@36 250/3");
	V("250-x\r\n250-AUTH PLAINX LOGINS\r\n250 AUTHPLAIN\r\n", "D@46 250/3");
	V("250-x\r\n250-AUTH XPLAIN LOG-IN\r\n250 X-AUTH PLAIN LOGIN\r\n", "D@55 250/3");
	V("250-x\r\n250- AUTH PLAIN\r\n250  STARTTLS\r\n", "D@39 250/3");
	V("250-x\r\n250-AUTH\tPLAIN\r\n250-XCLIENT\tADDR\r\n250 ok\r\n", "D@49 250/4");
	/* Not on the first line, not in a single-line reply. */
	V("250 STARTTLS\r\n", "D@14 250/1");
	V("250-AUTH PLAIN\r\n250 ok\r\n", "D@24 250/2");
	/* Any code: the caller reads the flags only after EHLO. */
	V("220-x\r\n220 STARTTLS\r\n", "D@21 220/2 starttls");
	V("250-x\r\n250-STARTTLS x\r\n250 XCLIENT\r\n", "D@36 250/3 xclient starttls");
	V("250-x\r\n250 sTaRtTlS\r\n", "D@21 250/2 starttls");
}

PT_TEST(resp_auth_replies)
{
	V("235 2.7.0 Authentication successful\r\n", "D@37 235/1");
	V("334 \r\n", "D@6 334/1");
	V("334 VXNlcm5hbWU6\r\n", "D@18 334/1");
	V("334 UGFzc3dvcmQ6\r\n", "D@18 334/1");
	V("334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n", "D@62 334/1");
	V("535 5.7.8 Error: authentication failed: authentication failure\r\n", "D@64 535/1");
	V("454 4.7.0 Temporary authentication failure\r\n", "D@44 454/1");
	V("250 2.0.0 Ok\r\n", "D@14 250/1");
	V("220 2.0.0 Ready to start TLS\r\n", "D@30 220/1");
	V("550-5.7.1 Relaying denied\r\n550 5.7.1 See https://example.org/policy\r\n",
	  "D@69 550/2");
	V("100 x\r\n", "D@7 100/1");
	V("559 x\r\n", "D@7 559/1");
}

PT_TEST(resp_codes)
{
	/* A different code on a later line. */
	V("250-x\r\n220 y\r\n", "I@14/2");
	V("250-x\r\n251 y\r\n", "I@14/2");
	V("250-x\r\n350-y\r\n250 z\r\n", "I@14/2 D@7 250/1");
	V("250-a\r\n250-b\r\n2500 c\r\n", "I@22/3");
	/* No code, a short one, a bad digit. */
	V("hello\r\n", "I@7/1");
	V(" 250 ok\r\n", "I@9/1");
	V("25 ok\r\n", "I@7/1");
	V("25\r\n", "I@4/1");
	V("2\r\n", "I@3/1");
	V("25a ok\r\n", "I@8/1");
	V("2500 ok\r\n", "I@9/1");
	V("250x\r\n", "I@6/1");
	V("250\tok\r\n", "I@8/1");
	V("600 x\r\n", "I@7/1");
	V("099 x\r\n", "I@7/1");
	V("260 x\r\n", "I@7/1");
	V("250-x\r\n-y\r\n", "I@11/2");
	V("250-x\r\n25\r\n", "I@11/2");
}

PT_TEST(resp_line_ends)
{
	V("250 ok\n", "I@7/1");
	V("\n", "I@1/1");
	V("\r\n", "I@2/1");
	V("250-x\n250 y\r\n", "I@6/1 D@7 250/1");
	V("250-x\r\n250 y\n", "I@13/2");
	V("250-x\r\n\r\n", "I@9/2");
	V("250 a\rb\r\n", "I@9/1");
	V("250 ok\r\r\n", "I@9/1");
	V("250 a\0b\r\n", "I@9/1");
	V("250-\0\r\n250 x\r\n", "I@7/1 D@7 250/1");
	V("\0\r\n", "I@3/1");
	V("250 ok\r", "M@7");
	V("250-ok\r\n250", "M@11");
}

PT_TEST(resp_text_bytes)
{
	/* Any byte but CR, LF and NUL in the text. */
	V("550 5.1.1 \xd0\x9d\xd0\xb5\xd1\x82 \xff\x01\x7f\t\r\n", "D@23 550/1");
	V("250-\xc3\xa9\r\n250 AUTH PLAIN \xc3\xa9\r\n", "D@27 250/2 plain");
}

PT_TEST(resp_streams)
{
	V("", "M@0");
	V("220 mail.example.com ESMTP\r\n250-mail.example.com\r\n250 AUTH PLAIN\r\n"
	  "235 2.7.0 Authentication successful\r\n",
	  "D@28 220/1 D@38 250/2 plain D@37 235/1");
	V("220 x\r\n250-y\r\n250 z", "D@7 220/1 M@12");
	V("junk \0 \r junk\r\n220 ok\r\n", "I@15/1 D@8 220/1");
	V("250-x\r\n220-y\r\n220 z\r\n", "I@14/2 D@7 220/1");
}

static size_t build_lines(char *out, size_t cap, unsigned nlines)
{
	size_t n = 0;

	for (unsigned i = 0; i < nlines; i++) {
		int k = snprintf(out + n, cap - n, "250%cline %u\r\n", i + 1 < nlines ? '-' : ' ', i);
		n += (size_t)k;
	}
	return n;
}

PT_TEST(resp_line_bound)
{
	static char in[8192];
	char want[64];
	size_t n;

	/* PT_SMTP_RESP_LINES_MAX lines are fine. */
	n = build_lines(in, sizeof(in), PT_SMTP_RESP_LINES_MAX);
	snprintf(want, sizeof(want), "D@%zu 250/%u", n, PT_SMTP_RESP_LINES_MAX);
	vec(in, n, want);

	/* One more is INVALID at the end of that line. */
	n = build_lines(in, sizeof(in), PT_SMTP_RESP_LINES_MAX + 1);
	snprintf(want, sizeof(want), "I@%zu/%u", n, PT_SMTP_RESP_LINES_MAX + 1);
	vec(in, n, want);

	/* A longer one is read to the LF of the line over the bound; what
	 * follows is read as the next reply. */
	{
		size_t over = build_lines(in, sizeof(in), PT_SMTP_RESP_LINES_MAX + 1);

		n = build_lines(in, sizeof(in), PT_SMTP_RESP_LINES_MAX + 3);
		snprintf(want, sizeof(want), "I@%zu/%u D@%zu 250/2", over,
		         PT_SMTP_RESP_LINES_MAX + 1, n - over);
		vec(in, n, want);
	}
}

/* The parser is sticky after the end, and refuses a shrunk buffer. */
PT_TEST(resp_after_end)
{
	static const uint8_t reply[] = "250-a\r\n250 b\r\nnext";
	struct pt_smtp_resp_parser R;

	pt_smtp_resp_init(&R);
	PT_CHECK_EQ(pt_smtp_resp_parse(&R, NULL, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_smtp_resp_parse(&R, reply, 9), PT_PARSE_MORE);
	PT_CHECK_EQ(R.mark, 7);
	PT_CHECK_EQ(R.lines, 1);
	PT_CHECK_EQ(pt_smtp_resp_parse(&R, reply, sizeof(reply) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(R.off, 14);
	PT_CHECK_EQ(R.code, 250);
	PT_CHECK_EQ(R.lines, 2);
	PT_CHECK_EQ(pt_smtp_resp_parse(&R, reply, sizeof(reply) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(R.off, 14);

	pt_smtp_resp_init(&R);
	PT_CHECK_EQ(pt_smtp_resp_parse(&R, reply, 6), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_smtp_resp_parse(&R, reply, 3), PT_PARSE_INVALID);
	PT_CHECK_EQ(R.code, 0);
}

PT_TEST(resp_vector_count)
{
	fprintf(stdout, "  %d vectors\n", n_vectors);
	PT_CHECK(n_vectors >= 35);
}

PT_TEST_MAIN(PT_TEST_ENTRY(resp_greetings), PT_TEST_ENTRY(resp_ehlo),
             PT_TEST_ENTRY(resp_ehlo_keyword_words), PT_TEST_ENTRY(resp_auth_replies),
             PT_TEST_ENTRY(resp_codes), PT_TEST_ENTRY(resp_line_ends),
             PT_TEST_ENTRY(resp_text_bytes), PT_TEST_ENTRY(resp_streams),
             PT_TEST_ENTRY(resp_line_bound), PT_TEST_ENTRY(resp_after_end),
             PT_TEST_ENTRY(resp_vector_count))
