/*
 * Parse vectors for grammar/smtp.rl (SMTP client commands before login).
 *
 * Each vector is a stream of client bytes fed the way the core feeds its
 * client buffer: whole, split at every point into two chunks, and byte by
 * byte (the offered length growing by one from zero).  After DONE or
 * INVALID the driver drops p->off bytes and re-initialises for the next
 * line (pipelining), as a command line or, after AUTH's "334", as a SASL
 * line: the modes string says which, one letter per item ('c' command,
 * 's' SASL line; the last letter repeats).  All feeds must give the same
 * dump, and that dump the expected one.
 *
 * Dump, one item per result, separated by spaces:
 *   D@n:k CMD [arg]...     DONE, p->off = n, line.len = k; CMD is the
 *                          known command, "?verb" for UNKNOWN, and left out
 *                          for a SASL line (no verb)
 *   I@n:k                  INVALID (command and arguments must be clear)
 *   M@n                    the stream ended inside an item
 * Bytes outside 0x20..0x7e are written \xNN.  Every call gets a heap copy
 * of exactly the bytes offered, so ASan sees any read past len, and the
 * invariants (off never decreases, off <= len, == len on MORE, spans
 * inside [0, off], line and verb at offset 0, the line end right after
 * `line`, nargs <= max) are checked after every call; a violation shows
 * as "!inv".
 */
#include <stdint.h>
#include <stdlib.h>

#include "pt_test.h"
#include "proto/smtp_cmd.h"
#include "util/buf.h"

#include "cmd_dump.h"

static const char *cmd_name(enum pt_smtp_cmd c)
{
	switch (c) {
	case PT_SMTP_CMD_UNKNOWN: return "";
	case PT_SMTP_CMD_HELO: return "HELO";
	case PT_SMTP_CMD_EHLO: return "EHLO";
	case PT_SMTP_CMD_AUTH: return "AUTH";
	case PT_SMTP_CMD_STARTTLS: return "STARTTLS";
	case PT_SMTP_CMD_MAIL: return "MAIL";
	case PT_SMTP_CMD_RCPT: return "RCPT";
	case PT_SMTP_CMD_RSET: return "RSET";
	case PT_SMTP_CMD_NOOP: return "NOOP";
	case PT_SMTP_CMD_QUIT: return "QUIT";
	default: return "?";
	}
}

static void dump_item(struct dump *d, const struct pt_smtp_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	sep(d);
	pt_wbuf_fmt(&d->w, "%c@%zu:%u", st == PT_PARSE_DONE ? 'D' : 'I', P->off,
	            (unsigned)P->line.len);
	if (st != PT_PARSE_DONE)
		return;
	if (P->cmd != PT_SMTP_CMD_UNKNOWN) {
		pt_wbuf_fmt(&d->w, " %s", cmd_name(P->cmd));
	} else if (P->verb.len) {
		pt_wbuf_puts(&d->w, " ?");
		put_bytes(&d->w, buf + P->verb.off, P->verb.len);
	}
	for (unsigned i = 0; i < P->nargs && i < PT_SMTP_ARGS_MAX; i++) {
		pt_wbuf_puts(&d->w, " [");
		put_bytes(&d->w, buf + P->args[i].off, P->args[i].len);
		pt_wbuf_putc(&d->w, ']');
	}
}

static int span_ok(struct pt_span s, size_t off)
{
	return s.off <= off && s.len <= off - s.off;
}

static int invariants(const struct pt_smtp_parser *P, enum pt_parse_status st, size_t before,
                      size_t len, const uint8_t *buf)
{
	if (P->off < before || P->off > len || P->nargs > PT_SMTP_ARGS_MAX ||
	    !span_ok(P->line, P->off) || !span_ok(P->verb, P->off) || P->line.off != 0 ||
	    P->verb.off != 0)
		return 0;
	for (unsigned i = 0; i < P->nargs; i++)
		if (!span_ok(P->args[i], P->off))
			return 0;
	switch (st) {
	case PT_PARSE_MORE:
		return P->off == len;   /* every offered byte is read */
	case PT_PARSE_INVALID:
		if (P->nargs != 0 || P->cmd != PT_SMTP_CMD_UNKNOWN || P->verb.len != 0)
			return 0;
		/* fall through */
	case PT_PARSE_DONE: {
		size_t k = P->line.len;
		/* The line end follows `line`: LF, or CR LF. */
		if (P->off == 0 || buf[P->off - 1] != '\n')
			return 0;
		if (k + 1 != P->off && !(k + 2 == P->off && buf[k] == '\r'))
			return 0;
		for (unsigned i = 0; i < P->nargs; i++)
			if (P->args[i].off + P->args[i].len > k)
				return 0;
		return P->verb.len <= k;
	}
	default:
		return 0;
	}
}

/* One call on a heap copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_smtp_parser *P, const uint8_t *in, size_t base,
                                 size_t fed, struct dump *d, int *bad)
{
	size_t len = fed - base, before = P->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_smtp_cmd_parse(P, buf, len);
	if (!invariants(P, st, before, len, buf))
		*bad = 1;
	if (st != PT_PARSE_MORE)
		dump_item(d, P, buf, st);
	free(buf);
	return st;
}

static void init(struct pt_smtp_parser *P, const char *modes, unsigned item)
{
	size_t m = strlen(modes);
	char mode = modes[item < m ? item : m - 1];

	if (mode == 's')
		pt_smtp_cmd_init_sasl_line(P);
	else
		pt_smtp_cmd_init(P);
}

static void run(struct dump *d, const char *modes, const uint8_t *in, size_t n, enum feed how,
                size_t cut)
{
	static struct pt_smtp_parser P;
	size_t fed = how == FEED_WHOLE ? n : how == FEED_SPLIT ? cut : 0;
	size_t base = 0, calls = 0;
	unsigned item = 0;
	int bad = 0;

	pt_wbuf_init(&d->w, d->mem, sizeof(d->mem));
	init(&P, modes, item);
	for (;;) {
		enum pt_parse_status st = call(&P, in, base, fed, d, &bad);

		if (++calls > 4 * n + 16) {
			pt_wbuf_puts(&d->w, " !loop");
			break;
		}
		if (st == PT_PARSE_DONE || st == PT_PARSE_INVALID) {
			base += P.off;
			init(&P, modes, ++item);
			if (base == n)
				break;
			continue;
		}
		if (fed == n) {
			sep(d);
			pt_wbuf_fmt(&d->w, "M@%zu", P.off);
			break;
		}
		fed = how == FEED_SPLIT ? n : fed + 1;
	}
	if (bad)
		pt_wbuf_puts(&d->w, " !inv");
	pt_wbuf_cstr(&d->w);
}

static int n_vectors;

static void vec(const char *modes, const char *in, size_t n, const char *want)
{
	static struct dump whole, part;
	const uint8_t *u = (const uint8_t *)in;

	n_vectors++;
	run(&whole, modes, u, n, FEED_WHOLE, n);
	if (!PT_CHECK_MEM(whole.w.p, whole.w.len, want, strlen(want)))
		fprintf(stdout, "    input: \"%.*s\"\n", (int)n, in);
	for (size_t cut = 0; cut <= n; cut++) {
		run(&part, modes, u, n, FEED_SPLIT, cut);
		if (!PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len)) {
			fprintf(stdout, "    split at %zu\n", cut);
			break;
		}
	}
	run(&part, modes, u, n, FEED_BYTES, 0);
	PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);
}

#define V(in, want) vec("c", (in), sizeof(in) - 1, (want))
#define VM(modes, in, want) vec((modes), (in), sizeof(in) - 1, (want))
#define VS(in, want) vec("sc", (in), sizeof(in) - 1, (want))

PT_TEST(smtp_helo_ehlo)
{
	V("HELO mail.example.com\r\n", "D@23:21 HELO [mail.example.com]");
	V("EHLO client.example.org\r\n", "D@25:23 EHLO [client.example.org]");
	V("ehlo [192.0.2.1]\r\n", "D@18:16 EHLO [[192.0.2.1]]");
	V("EhLo [IPv6:2001:db8::1]\n", "D@24:23 EHLO [[IPv6:2001:db8::1]]");
	/* Argument counts are the core's check (nginx: 501 5.5.4). */
	V("EHLO\r\n", "D@6:4 EHLO");
	V("HELO\n", "D@5:4 HELO");
	V("EHLO \r\n", "D@7:5 EHLO");
	V("EHLO a b\r\n", "D@10:8 EHLO [a] [b]");
	/* Runs of spaces before, between and after the arguments (nginx). */
	V("helo   x    y  \r\n", "D@17:15 HELO [x] [y]");
}

PT_TEST(smtp_auth)
{
	V("AUTH PLAIN\r\n", "D@12:10 AUTH [PLAIN]");
	V("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "D@33:31 AUTH [PLAIN] [AGFsaWNlAHNlY3JldA==]");
	V("auth plain =\r\n", "D@14:12 AUTH [plain] [=]");
	V("AUTH LOGIN\r\n", "D@12:10 AUTH [LOGIN]");
	V("Auth Login YWxpY2U=\n", "D@20:19 AUTH [Login] [YWxpY2U=]");
	V("AUTH CRAM-MD5\r\n", "D@15:13 AUTH [CRAM-MD5]");
	V("AUTH EXTERNAL =\r\n", "D@17:15 AUTH [EXTERNAL] [=]");
	V("AUTH\r\n", "D@6:4 AUTH");
	V("AUTHX PLAIN\r\n", "D@13:11 ?AUTHX [PLAIN]");
}

PT_TEST(smtp_starttls)
{
	V("STARTTLS\r\n", "D@10:8 STARTTLS");
	V("starttls\n", "D@9:8 STARTTLS");
	V("StartTls x\r\n", "D@12:10 STARTTLS [x]");
	V("STARTTL\r\n", "D@9:7 ?STARTTL");
	V("STARTTLSS\r\n", "D@11:9 ?STARTTLSS");
	/* STARTTLS, then a TLS ClientHello in the same read: the caller drops
	 * what follows (CVE-2014-3556), the parser only stops at the line. */
	V("STARTTLS\r\n\x16\x03\x01\x02\x00", "D@10:8 STARTTLS M@5");
}

PT_TEST(smtp_mail_rcpt)
{
	V("MAIL FROM:<a@b> SIZE=10\r\n", "D@25:23 MAIL [FROM:<a@b>] [SIZE=10]");
	V("MAIL FROM:<> BODY=8BITMIME\r\n", "D@28:26 MAIL [FROM:<>] [BODY=8BITMIME]");
	V("mail from: <a@b>\r\n", "D@18:16 MAIL [from:] [<a@b>]");
	V("MAIL FROM:<j\xc3\xb6rg@example.org> SMTPUTF8\r\n",
	  "D@40:38 MAIL [FROM:<j\\xc3\\xb6rg@example.org>] [SMTPUTF8]");
	V("RCPT TO:<x>\r\n", "D@13:11 RCPT [TO:<x>]");
	V("rcpt to:<Postmaster>\n", "D@21:20 RCPT [to:<Postmaster>]");
	V("RCPT TO:<a@b> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@b\r\n",
	  "D@55:53 RCPT [TO:<a@b>] [NOTIFY=SUCCESS,FAILURE] [ORCPT=rfc822;a@b]");
	/* A tab is an argument byte, as in nginx (only SP splits). */
	V("MAIL FROM:<a@b>\tSIZE=1\r\n", "D@24:22 MAIL [FROM:<a@b>\\x09SIZE=1]");
}

PT_TEST(smtp_simple)
{
	V("RSET\r\n", "D@6:4 RSET");
	V("NOOP\r\n", "D@6:4 NOOP");
	V("noop hello there\r\n", "D@18:16 NOOP [hello] [there]");
	V("QUIT\r\n", "D@6:4 QUIT");
	V("Quit\n", "D@5:4 QUIT");
}

PT_TEST(smtp_unknown)
{
	/* Known to nginx only to be refused, or not known: UNKNOWN, and the
	 * core answers "500 5.5.1 Invalid command". */
	V("VRFY postmaster\r\n", "D@17:15 ?VRFY [postmaster]");
	V("EXPN staff\r\n", "D@12:10 ?EXPN [staff]");
	V("HELP\r\n", "D@6:4 ?HELP");
	V("DATA\r\n", "D@6:4 ?DATA");
	V("XCLIENT ADDR=192.0.2.1\r\n", "D@24:22 ?XCLIENT [ADDR=192.0.2.1]");
	V("BDAT 100 LAST\r\n", "D@15:13 ?BDAT [100] [LAST]");
	V("H\r\n", "D@3:1 ?H");
	V("helox\r\n", "D@7:5 ?helox");
	V("RCP TO:<x>\r\n", "D@12:10 ?RCP [TO:<x>]");
}

PT_TEST(smtp_bad_verbs)
{
	/* Digits and punctuation in the verb, no verb. */
	V("HELO2 x\r\n", "I@9:7");
	V("H3LO x\r\n", "I@8:6");
	V("8BITMIME\r\n", "I@10:8");
	V("X-FOO bar\r\n", "I@11:9");
	V("MAIL: x\r\n", "I@9:7");
	V("\xc3\xa9HLO x\r\n", "I@9:7");
	V("\r\n", "I@2:0");
	V("\n", "I@1:0");
	V(" HELO x\r\n", "I@9:7");
	V("\tNOOP\r\n", "I@7:5");
	V("HELO\tx\r\n", "I@8:6");
	V("NOOP\r", "M@5");
}

PT_TEST(smtp_nul)
{
	V("HELO \0x\r\n", "I@9:7");
	V("HE\0LO x\r\n", "I@9:7");
	V("\0\r\n", "I@3:1");
	V("MAIL FROM:<a\0b>\r\n", "I@17:15");
	V("NOOP\0\n", "I@6:5");
	V("NOOP x\0\r\nQUIT\r\n", "I@9:7 D@6:4 QUIT");
}

PT_TEST(smtp_line_ends)
{
	/* A bare LF ends a line (nginx); a CR must be followed by LF. */
	V("HELO x\n", "D@7:6 HELO [x]");
	V("HELO x\r\r\n", "I@9:7");
	V("NOOP\rX\n", "I@7:6");
	V("HELO x\ry\r\n", "I@10:8");
	V("HELO x \r\n", "D@9:7 HELO [x]");
	V("QUIT\n\n", "D@5:4 QUIT I@1:0");
	V("HELO x\r\n\r\nQUIT\n", "D@8:6 HELO [x] I@2:0 D@5:4 QUIT");
}

PT_TEST(smtp_arg_limit)
{
	V("NOOP 1 2 3 4 5 6 7 8 9 10\r\n",
	  "D@27:25 NOOP [1] [2] [3] [4] [5] [6] [7] [8] [9] [10]");
	V("NOOP 1 2 3 4 5 6 7 8 9 10   \r\n",
	  "D@30:28 NOOP [1] [2] [3] [4] [5] [6] [7] [8] [9] [10]");
	/* An 11th: INVALID here (nginx takes it: "nelts <= 10"). */
	V("NOOP 1 2 3 4 5 6 7 8 9 10 11\r\n", "I@30:28");
	V("MAIL FROM:<a@b> A B C D E F G H I\r\n",
	  "D@35:33 MAIL [FROM:<a@b>] [A] [B] [C] [D] [E] [F] [G] [H] [I]");
	V("MAIL FROM:<a@b> A B C D E F G H I J\r\n", "I@37:35");
	V("FOO 1 2 3 4 5 6 7 8 9 10 11\r\nQUIT\r\n", "I@29:27 D@6:4 QUIT");
}

PT_TEST(smtp_pipelining)
{
	V("EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nQUIT\r\n",
	  "D@8:6 EHLO [x] D@17:15 MAIL [FROM:<a@b>] D@15:13 RCPT [TO:<c@d>] D@6:4 QUIT");
	V("FOO1\r\nNOOP\r\n", "I@6:4 D@6:4 NOOP");
	V("NOOP\r\nHEL", "D@6:4 NOOP M@3");
	V("RSET\nNOOP\nQUIT\n", "D@5:4 RSET D@5:4 NOOP D@5:4 QUIT");
	V("", "M@0");
	V("HELO x", "M@6");
	V("HELO x\r", "M@7");
}

PT_TEST(smtp_sasl_line)
{
	VS("AGFsaWNlAHNlY3JldA==\r\n", "D@22:20 [AGFsaWNlAHNlY3JldA==]");
	VS("dXNlcg==\n", "D@9:8 [dXNlcg==]");
	VS("\r\n", "D@2:0 []");
	VS("\n", "D@1:0 []");
	VS("*\r\n", "D@3:1 [*]");
	VS("a b  c \r\n", "D@9:7 [a b  c ]");
	VS("ab\rcd\r\r\n", "D@8:6 [ab\\x0dcd\\x0d]");
	VS("\xff\x80\r\n", "D@4:2 [\\xff\\x80]");
	VS("a\0b\r\n", "I@5:3");
	VS("abc", "M@3");
	VS("dGVzdA==\r\nQUIT\r\n", "D@10:8 [dGVzdA==] D@6:4 QUIT");
	/* AUTH LOGIN: the user and the password come on SASL lines. */
	VM("cssc", "AUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\nQUIT\r\n",
	   "D@12:10 AUTH [LOGIN] D@10:8 [YWxpY2U=] D@10:8 [c2VjcmV0] D@6:4 QUIT");
}

/* Spans are offsets into buf; calling again after the end, or with fewer
 * bytes, changes nothing. */
PT_TEST(smtp_after_end)
{
	static const char line[] = "MAIL FROM:<a@b>  SIZE=10 \r\nrest";
	const uint8_t *buf = (const uint8_t *)line;
	struct pt_smtp_parser P;

	pt_smtp_cmd_init(&P);
	PT_CHECK_EQ(pt_smtp_cmd_parse(&P, buf, 12), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_smtp_cmd_parse(&P, buf, 3), PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 12);
	PT_CHECK_EQ(pt_smtp_cmd_parse(&P, NULL, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_smtp_cmd_parse(&P, buf, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 27);
	PT_CHECK_EQ(P.cmd, PT_SMTP_CMD_MAIL);
	PT_CHECK_EQ(P.line.off, 0);
	PT_CHECK_EQ(P.line.len, 25);
	PT_CHECK_EQ(P.verb.len, 4);
	PT_CHECK_EQ(P.nargs, 2);
	PT_CHECK_EQ(P.args[0].off, 5);
	PT_CHECK_EQ(P.args[0].len, 10);
	PT_CHECK_EQ(P.args[1].off, 17);
	PT_CHECK_EQ(P.args[1].len, 7);
	PT_CHECK_EQ(pt_smtp_cmd_parse(&P, buf, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 27);

	pt_smtp_cmd_init(&P);
	PT_CHECK_EQ(pt_smtp_cmd_parse(&P, NULL, 0), PT_PARSE_MORE);
	pt_smtp_cmd_init_sasl_line(&P);
	PT_CHECK_EQ(pt_smtp_cmd_parse(&P, NULL, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 0);
}

PT_TEST(smtp_vector_count)
{
	fprintf(stdout, "  %d vectors\n", n_vectors);
	PT_CHECK(n_vectors >= 35);
}

PT_TEST_MAIN(PT_TEST_ENTRY(smtp_helo_ehlo), PT_TEST_ENTRY(smtp_auth),
             PT_TEST_ENTRY(smtp_starttls), PT_TEST_ENTRY(smtp_mail_rcpt),
             PT_TEST_ENTRY(smtp_simple), PT_TEST_ENTRY(smtp_unknown),
             PT_TEST_ENTRY(smtp_bad_verbs), PT_TEST_ENTRY(smtp_nul),
             PT_TEST_ENTRY(smtp_line_ends), PT_TEST_ENTRY(smtp_arg_limit),
             PT_TEST_ENTRY(smtp_pipelining), PT_TEST_ENTRY(smtp_sasl_line),
             PT_TEST_ENTRY(smtp_after_end), PT_TEST_ENTRY(smtp_vector_count))
