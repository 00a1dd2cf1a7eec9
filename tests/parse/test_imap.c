/*
 * Parse vectors for grammar/imap.rl (IMAP client commands before login).
 *
 * Each vector is a stream of client bytes fed the way the core feeds its
 * client buffer: whole, split at every point into two chunks, and byte by
 * byte (the offered length growing by one from zero).  After DONE or
 * INVALID the driver drops p->off bytes and re-initialises for the next
 * command (pipelining); after LITERAL it calls again at once, as the core
 * does once it has sent "+ OK".  All feeds must give the same dump, and
 * that dump the expected one.
 *
 * Dump, one item per result, separated by spaces:
 *   L@n                       PT_PARSE_LITERAL, p->off = n
 *   D@n tag CMD K[bytes]...   DONE: tag ("*" unless tag_ok), the command
 *                             (left out if UNKNOWN), each argument with its
 *                             kind A(tom) Q(uoted) L(iteral), bytes as in buf;
 *                             ID: "NIL" or its pairs f[field]=v[value] / =NIL
 *   I@n tag [+nonsync]        INVALID (command and arguments must be clear)
 *   M@n                       the stream ended inside an item
 * Bytes outside 0x20..0x7e are written \xNN.  Every call gets a heap copy
 * of exactly the bytes offered, so ASan sees any read past len, and the
 * invariants (off never decreases, off <= len, spans inside [0, off],
 * bounds) are checked after every call; a violation shows as "!inv".
 */
#include <stdint.h>
#include <stdlib.h>

#include "pt_test.h"
#include "proto/imap_cmd.h"
#include "util/buf.h"

#include "cmd_dump.h"

#define MAXLIT_DEFAULT 4096

static const char *cmd_name(enum pt_imap_cmd c)
{
	switch (c) {
	case PT_IMAP_CMD_UNKNOWN: return "";
	case PT_IMAP_CMD_CAPABILITY: return "CAPABILITY";
	case PT_IMAP_CMD_NOOP: return "NOOP";
	case PT_IMAP_CMD_LOGOUT: return "LOGOUT";
	case PT_IMAP_CMD_STARTTLS: return "STARTTLS";
	case PT_IMAP_CMD_LOGIN: return "LOGIN";
	case PT_IMAP_CMD_AUTHENTICATE: return "AUTHENTICATE";
	case PT_IMAP_CMD_ID: return "ID";
	default: return "?";
	}
}

static void dump_item(struct dump *d, const struct pt_imap_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	static const char kinds[] = "AQL";

	sep(d);
	if (st == PT_PARSE_LITERAL) {
		pt_wbuf_fmt(&d->w, "L@%zu", P->off);
		return;
	}
	pt_wbuf_fmt(&d->w, "%c@%zu ", st == PT_PARSE_DONE ? 'D' : 'I', P->off);
	if (P->tag_ok)
		put_bytes(&d->w, buf + P->tag.off, P->tag.len);
	else
		pt_wbuf_putc(&d->w, '*');
	if (P->cmd != PT_IMAP_CMD_UNKNOWN)
		pt_wbuf_fmt(&d->w, " %s", cmd_name(P->cmd));
	for (unsigned i = 0; i < P->nargs && i < PT_IMAP_ARGS_MAX; i++) {
		const struct pt_imap_arg *a = &P->args[i];
		pt_wbuf_fmt(&d->w, " %c[", (unsigned)a->kind < 3 ? kinds[a->kind] : '?');
		put_bytes(&d->w, buf + a->span.off, a->span.len);
		pt_wbuf_putc(&d->w, ']');
	}
	if (P->id_nil)
		pt_wbuf_puts(&d->w, " NIL");
	for (unsigned i = 0; i < P->id_npairs && i < PT_IMAP_ID_PAIRS_MAX; i++) {
		const struct pt_imap_id_pair *ip = &P->id_pairs[i];
		pt_wbuf_puts(&d->w, " f[");
		put_bytes(&d->w, buf + ip->field.off, ip->field.len);
		if (ip->value_nil) {
			pt_wbuf_puts(&d->w, "]=NIL");
			continue;
		}
		pt_wbuf_puts(&d->w, "]=v[");
		put_bytes(&d->w, buf + ip->value.off, ip->value.len);
		pt_wbuf_putc(&d->w, ']');
	}
	if (P->ends_in_nonsync_literal)
		pt_wbuf_puts(&d->w, " +nonsync");
}

static int span_ok(struct pt_span s, size_t off)
{
	return s.off <= off && s.len <= off - s.off;
}

static int invariants(const struct pt_imap_parser *P, enum pt_parse_status st, size_t before,
                      size_t len)
{
	if (P->off < before || P->off > len || P->tag.len > PT_IMAP_TAG_MAX ||
	    P->nargs > PT_IMAP_ARGS_MAX || !span_ok(P->tag, P->off))
		return 0;
	for (unsigned i = 0; i < P->nargs; i++)
		if (!span_ok(P->args[i].span, P->off))
			return 0;
	if (P->id_npairs > PT_IMAP_ID_PAIRS_MAX)
		return 0;
	for (unsigned i = 0; i < P->id_npairs; i++)
		if (!span_ok(P->id_pairs[i].field, P->off) || !span_ok(P->id_pairs[i].value, P->off))
			return 0;
	if (st == PT_PARSE_INVALID && (P->id_npairs != 0 || P->id_nil))
		return 0;
	if (st == PT_PARSE_MORE)
		return P->off == len;   /* every offered byte is read */
	if (st == PT_PARSE_INVALID && (P->nargs != 0 || P->cmd != PT_IMAP_CMD_UNKNOWN))
		return 0;
	return P->off > 0 && P->off >= before;
}

/* One call on a heap copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_imap_parser *P, const uint8_t *in, size_t base,
                                 size_t fed, struct dump *d, int *bad)
{
	size_t len = fed - base, before = P->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_imap_cmd_parse(P, buf, len);
	if (!invariants(P, st, before, len))
		*bad = 1;
	if (st != PT_PARSE_MORE)
		dump_item(d, P, buf, st);
	free(buf);
	return st;
}

static void init(struct pt_imap_parser *P, const char *modes, unsigned item, size_t maxlit)
{
	size_t m = strlen(modes);
	char mode = modes[item < m ? item : m - 1];

	if (mode == 's')
		pt_imap_cmd_init_sasl_line(P);
	else
		pt_imap_cmd_init(P, maxlit);
}

static void run(struct dump *d, const char *modes, size_t maxlit, const uint8_t *in, size_t n,
                enum feed how, size_t cut)
{
	static struct pt_imap_parser P;
	size_t fed = how == FEED_WHOLE ? n : how == FEED_SPLIT ? cut : 0;
	size_t base = 0, calls = 0;
	unsigned item = 0;
	int bad = 0;

	pt_wbuf_init(&d->w, d->mem, sizeof(d->mem));
	init(&P, modes, item, maxlit);
	for (;;) {
		enum pt_parse_status st = call(&P, in, base, fed, d, &bad);

		if (++calls > 4 * n + 16) {
			pt_wbuf_puts(&d->w, " !loop");
			break;
		}
		if (st == PT_PARSE_LITERAL)
			continue;
		if (st == PT_PARSE_DONE || st == PT_PARSE_INVALID) {
			base += P.off;
			init(&P, modes, ++item, maxlit);
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

static void vec(const char *modes, size_t maxlit, const char *in, size_t n, const char *want)
{
	static struct dump whole, part;
	const uint8_t *u = (const uint8_t *)in;

	n_vectors++;
	run(&whole, modes, maxlit, u, n, FEED_WHOLE, n);
	if (!PT_CHECK_MEM(whole.w.p, whole.w.len, want, strlen(want)))
		fprintf(stdout, "    input: \"%.*s\"\n", (int)n, in);
	for (size_t cut = 0; cut <= n; cut++) {
		run(&part, modes, maxlit, u, n, FEED_SPLIT, cut);
		if (!PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len)) {
			fprintf(stdout, "    split at %zu\n", cut);
			break;
		}
	}
	run(&part, modes, maxlit, u, n, FEED_BYTES, 0);
	PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len);
}

#define V(in, want) vec("c", MAXLIT_DEFAULT, (in), sizeof(in) - 1, (want))
#define VL(maxlit, in, want) vec("c", (maxlit), (in), sizeof(in) - 1, (want))
#define VS(in, want) vec("sc", MAXLIT_DEFAULT, (in), sizeof(in) - 1, (want))

PT_TEST(imap_commands)
{
	V("a1 CAPABILITY\r\n", "D@15 a1 CAPABILITY");
	V("a2 noop\r\n", "D@9 a2 NOOP");
	V("A3 LoGoUt\r\n", "D@11 A3 LOGOUT");
	V("a4 StartTLS\r\n", "D@13 a4 STARTTLS");
	V("a5 login alice secret\r\n", "D@23 a5 LOGIN A[alice] A[secret]");
	V("a6 AUTHENTICATE PLAIN\r\n", "D@23 a6 AUTHENTICATE A[PLAIN]");
	V("a7 authenticate plain AGFsaWNlAHNlY3JldA==\r\n",
	  "D@44 a7 AUTHENTICATE A[plain] A[AGFsaWNlAHNlY3JldA==]");
	V("a8 Authenticate =\r\n", "D@19 a8 AUTHENTICATE A[=]");
	V("a9 capability\n", "D@14 a9 CAPABILITY");
	V("b1 LOGIN alice secret\n", "D@22 b1 LOGIN A[alice] A[secret]");
	V("Ab-.c_9 NOOP\r\n", "D@14 Ab-.c_9 NOOP");
	/* Argument counts are the core's check. */
	V("a CAPABILITY foo\r\n", "D@18 a CAPABILITY A[foo]");
	V("a NOOP x y z\r\n", "D@14 a NOOP A[x] A[y] A[z]");
	V("a LOGIN\r\n", "D@9 a LOGIN");
	/* ASTRING-CHAR: "]" and the other non-specials are atom bytes. */
	V("a LOGIN us]er p!#$&'+,-./:;<=>?@[^_`|}~\r\n",
	  "D@41 a LOGIN A[us]er] A[p!#$&'+,-./:;<=>?@[^_`|}~]");
}

PT_TEST(imap_id)
{
	/* RFC 2971 §5's examples. */
	V("a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")\r\n",
	  "D@79 a023 ID f[name]=v[sodr] f[version]=v[19.34] f[vendor]=v[Pink Floyd Music Limited]");
	V("a ID NIL\r\n", "D@10 a ID NIL");
	V("a id nil\n", "D@9 a ID NIL");
	V("a ID ()\r\n", "D@9 a ID");
	V("a ID (\"os\" NIL \"x\" \"\")\r\n", "D@24 a ID f[os]=NIL f[x]=v[]");
	/* Escapes stay in the spans; 8-bit bytes are taken. */
	V("a ID (\"n\\\"a\" \"v\\\\\xc3\xa9\")\r\n", "D@23 a ID f[n\\\"a]=v[v\\\\\\xc3\\xa9]");
	/* Not ID: no space, an atom, a literal, an empty field, a NIL field,
	 * two spaces, an unclosed list, arguments after it, CR in a value. */
	V("a ID\r\n", "I@6 a");
	V("a ID name\r\n", "I@11 a");
	V("a ID (\"name\" {3}\r\n", "I@18 a");
	V("a ID (\"\" \"v\")\r\n", "I@15 a");
	V("a ID (NIL \"v\")\r\n", "I@16 a");
	V("a ID (\"n\"  \"v\")\r\n", "I@17 a");
	V("a ID (\"n\" \"v\"\r\n", "I@15 a");
	V("a ID NIL x\r\n", "I@12 a");
	V("a ID (\"n\" \"v\rw\")\r\n", "I@18 a");
	/* Pipelined after it. */
	V("a ID NIL\r\nb NOOP\r\n", "D@10 a ID NIL D@8 b NOOP");
}

PT_TEST(imap_id_bounds)
{
	static char line[40000];
	char want[64];
	size_t n;

	/* 30-octet field, 1024-octet value: taken; one more octet: bad. */
	{
		static char big[1200];
		n = (size_t)snprintf(line, sizeof(line), "a ID (\"%030d\" \"%01024d\")\r\n", 0, 0);
		snprintf(big, sizeof(big), "D@%zu a ID f[%030d]=v[%01024d]", n, 0, 0);
		vec("c", MAXLIT_DEFAULT, line, n, big);
	}
	n = (size_t)snprintf(line, sizeof(line), "a ID (\"%031d\" \"v\")\r\n", 0);
	snprintf(want, sizeof(want), "I@%zu a", n);
	vec("c", MAXLIT_DEFAULT, line, n, want);
	n = (size_t)snprintf(line, sizeof(line), "a ID (\"f\" \"%01025d\")\r\n", 0);
	snprintf(want, sizeof(want), "I@%zu a", n);
	vec("c", MAXLIT_DEFAULT, line, n, want);
	/* An escape counts as one octet: 1024 escaped quotes are 1024 octets. */
	n = (size_t)snprintf(line, sizeof(line), "a ID (\"f\" \"");
	for (int i = 0; i < 1024; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "\\\"");
	n += (size_t)snprintf(line + n, sizeof(line) - n, "\")\r\n");
	{
		struct pt_imap_parser P;
		pt_imap_cmd_init(&P, 4096);
		PT_CHECK_EQ(pt_imap_cmd_parse(&P, (const uint8_t *)line, n), PT_PARSE_DONE);
		PT_CHECK_EQ(P.id_pairs[0].value.len, 2048);
	}
	/* 30 pairs: taken; 31: bad. */
	for (int pairs = 30; pairs <= 31; pairs++) {
		struct pt_imap_parser P;
		n = (size_t)snprintf(line, sizeof(line), "a ID (");
		for (int i = 0; i < pairs; i++)
			n += (size_t)snprintf(line + n, sizeof(line) - n, "%s\"f%d\" \"v\"", i ? " " : "", i);
		n += (size_t)snprintf(line + n, sizeof(line) - n, ")\r\n");
		pt_imap_cmd_init(&P, 4096);
		PT_CHECK_EQ(pt_imap_cmd_parse(&P, (const uint8_t *)line, n),
		            pairs == 30 ? PT_PARSE_DONE : PT_PARSE_INVALID);
		PT_CHECK_EQ(P.id_npairs, pairs == 30 ? 30u : 0u);
	}
}

PT_TEST(imap_quoted)
{
	V("a LOGIN \"alice\" \"s\\\"e\\\\c\"\r\n", "D@27 a LOGIN Q[alice] Q[s\\\"e\\\\c]");
	V("a LOGIN \"\" \"\"\r\n", "D@15 a LOGIN Q[] Q[]");
	V("a LOGIN \"a b(c){d}%*]\" x\r\n", "D@26 a LOGIN Q[a b(c){d}%*]] A[x]");
	V("a LOGIN \"j\xc3\xb6rg\" \"\x01\t\x7f\"\r\n",
	  "D@23 a LOGIN Q[j\\xc3\\xb6rg] Q[\\x01\\x09\\x7f]");
	V("a LOGIN \"x\"\n", "D@12 a LOGIN Q[x]");
	/* RFC 9051: "\" escapes only DQUOTE and "\". */
	V("a LOGIN \"a\\x\" b\r\n", "I@17 a");
	V("a LOGIN \"a\\\r\n", "I@13 a");
	/* No CR, LF or NUL inside, and the closing quote is needed. */
	V("a LOGIN \"ab\r\n", "I@13 a");
	V("a LOGIN \"ab\ncd\" x\r\n", "I@12 a I@7 *");
	V("a LOGIN \"a\0b\" c\r\n", "I@17 a");
	/* After the closing quote: SP or the line end. */
	V("a LOGIN \"a\"b c\r\n", "I@16 a");
	V("a LOGIN \"a\"\"b\"\r\n", "I@16 a");
}

PT_TEST(imap_literals)
{
	V("a LOGIN {5}\r\nalice secret\r\n", "L@13 D@27 a LOGIN L[alice] A[secret]");
	V("a LOGIN {5}\nalice {6}\nsecret\n", "L@12 L@22 D@29 a LOGIN L[alice] L[secret]");
	V("a LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n", "D@34 a LOGIN L[alice] L[secret]");
	V("a LOGIN {0}\r\n {0+}\r\n\r\n", "L@13 D@22 a LOGIN L[] L[]");
	V("a LOGIN {0}\r\n\r\n", "L@13 D@15 a LOGIN L[]");
	/* Literal bytes are counted, never parsed: CRLF, quotes, braces, NUL. */
	V("a LOGIN {8+}\r\na\r\nb\"{1}\r\n",
	  "D@24 a LOGIN L[a\\x0d\\x0ab\"{1}]");
	V("a LOGIN {3+}\r\na\0b x\r\n", "D@21 a LOGIN L[a\\x00b] A[x]");
	V("a LOGIN {5+}\r\n{1+}\r x\r\n", "D@23 a LOGIN L[{1+}\\x0d] A[x]");
	/* A literal, then more arguments of every kind, up to three. */
	V("a AUTHENTICATE {5}\r\nPLAIN \"x\" y\r\n", "L@20 D@33 a AUTHENTICATE L[PLAIN] Q[x] A[y]");
	V("a LOGIN x \"y\" {1}\r\nz\r\n", "L@19 D@22 a LOGIN A[x] Q[y] L[z]");
	V("a LOGIN {0005+}\r\nalice x\r\n", "D@26 a LOGIN L[alice] A[x]");
	/* A literal must be followed by SP or the line end (nginx 1.29.6). */
	V("a LOGIN {5+}\r\nalicex\r\n", "I@22 a");
	V("a LOGIN {1+}\r\na  b\r\n", "I@20 a");
	V("a LOGIN {1}\r\nab\r\n", "L@13 I@17 a");
	/* Unfinished: the literal bytes so far, then more is needed. */
	V("a LOGIN {10}\r\nabc", "L@14 M@17");
	V("a LOGIN {3+}\r\nabc", "M@17");
}

PT_TEST(imap_literal_syntax)
{
	V("a LOGIN {}\r\n", "I@12 a");
	V("a LOGIN {5\r\n", "I@12 a");
	V("a LOGIN {5+\r\n", "I@13 a");
	V("a LOGIN {+5}\r\n", "I@14 a");
	V("a LOGIN {5 }\r\n", "I@14 a");
	V("a LOGIN {5}x\r\n", "I@14 a");
	V("a LOGIN {5}\rx\n", "I@14 a");
	V("a LOGIN {5++}\r\n", "I@15 a");
	V("a LOGIN x{5}\r\n", "I@14 a");
}

PT_TEST(imap_literal_bounds)
{
	/* Exactly max_literal is fine; one more is refused at '}', before any
	 * of its bytes: the next line is a command again. */
	VL(5, "a LOGIN {5+}\r\nalice x\r\n", "D@23 a LOGIN L[alice] A[x]");
	VL(5, "a LOGIN {6}\r\nalice!\r\n", "I@13 a I@8 *");
	VL(5, "a LOGIN {6+}\r\nalice!\r\n", "I@14 a +nonsync I@8 *");
	VL(0, "a LOGIN {0}\r\n {1}\r\n", "L@13 I@19 a");
	/* number64 is 63 bits, and no length wraps around. */
	VL(SIZE_MAX, "a LOGIN {9223372036854775807}\r\nab", "L@31 M@33");
	VL(SIZE_MAX, "a LOGIN {9223372036854775808}\r\n", "I@31 a");
	VL(SIZE_MAX, "a LOGIN {99999999999999999999999999}\r\n", "I@38 a");
	VL(SIZE_MAX, "a LOGIN {000000000000000000000000001+}\r\nx\r\n",
	  "D@43 a LOGIN L[x]");
}

PT_TEST(imap_arg_limit)
{
	V("a LOGIN x y z\r\n", "D@15 a LOGIN A[x] A[y] A[z]");
	V("a LOGIN x y z w\r\n", "I@17 a");
	V("a LOGIN \"x\" {1+}\r\ny z\r\n", "D@23 a LOGIN Q[x] L[y] A[z]");
	V("a LOGIN x y z \"w\"\r\n", "I@19 a");
	V("a LOGIN x y z {5}\r\n", "I@19 a");
	V("a LOGIN x y z {5+}\r\nabcde\r\n", "I@20 a +nonsync I@7 *");
}

PT_TEST(imap_tags)
{
	V("abcdefghijklmnopqrstuvwxyz012345 NOOP\r\n",
	  "D@39 abcdefghijklmnopqrstuvwxyz012345 NOOP");
	V("abcdefghijklmnopqrstuvwxyz0123456 NOOP\r\n", "I@40 *");
	V("abcdefghijklmnopqrstuvwxyz0123456789 {5+}\r\n", "I@43 * +nonsync");
	V("a+b NOOP\r\n", "I@10 *");
	V("a*1 NOOP\r\n", "I@10 *");
	V("\"a\" NOOP\r\n", "I@10 *");
	V(" NOOP\r\n", "I@7 *");
	V("\r\n", "I@2 *");
	V("\n", "I@1 *");
	V("a1\r\n", "I@4 *");
	V("a1\tNOOP\r\n", "I@9 *");
	V("a1 \r\n", "I@5 a1");
	V("a1  NOOP\r\n", "I@10 a1");
	V("\xe4 NOOP\r\n", "I@8 *");
}

PT_TEST(imap_bad_commands)
{
	V("a1 SELECT INBOX\r\n", "I@17 a1");
	V("a1 ENABLE UTF8=ACCEPT\r\n", "I@23 a1");
	V("a1 LOGINX a b\r\n", "I@15 a1");
	V("a1 LOG\r\n", "I@8 a1");
	V("a1 NOOP2\r\n", "I@10 a1");
	V("a1 CAPABILITIES\r\n", "I@17 a1");
	V("a1 NOOP(\r\n", "I@10 a1");
	V("a1 NOOP \r\n", "I@10 a1");
	V("a1 LOGIN a  b\r\n", "I@15 a1");
	V("a1 LOGIN a\tb\r\n", "I@14 a1");
	V("a1 LOGIN a%b c\r\n", "I@16 a1");
	V("a1 LOGIN a b\xff\r\n", "I@15 a1");
	V("a1 NOOP\rNOOP\r\n", "I@14 a1");
	V("a1 NOOP\r\r\n", "I@10 a1");
	/* NUL anywhere. */
	V("a1 NO\0OP\r\n", "I@10 a1");
	V("a1 LOGIN a\0 b\r\n", "I@15 a1");
	V("\0a NOOP\r\n", "I@9 *");
	V("a1 NOOP\0\r\n", "I@10 a1");
}

PT_TEST(imap_bad_line_nonsync_end)
{
	V("a1 FOO {5+}\r\n", "I@13 a1 +nonsync");
	V("a1 FOO {5+}\n", "I@12 a1 +nonsync");
	V("a1 FOO x{12+}\r\n", "I@15 a1 +nonsync");
	V("a1 FOO {5}\r\n", "I@12 a1");
	V("a1 FOO {5+} \r\n", "I@14 a1");
	V("a1 FOO {+}\r\n", "I@12 a1");
	V("a1 FOO {5+}\r\r\n", "I@14 a1");
	V("a1 FOO {5++}\r\n", "I@14 a1");
	V("a1 FOO {{5+}\r\n", "I@14 a1 +nonsync");
	V("a1 LOGIN {5a+}\r\n", "I@16 a1");
	V("a1 LOGIN {5+{6+}\r\n", "I@18 a1 +nonsync");
	V("a1 LOGIN {5+}{6+}\r\n", "I@19 a1 +nonsync");
	V("a1 LOGIN {5+}\r{6+}\n", "I@19 a1 +nonsync");
	/* The line's bytes count, whatever the machine made of them: the end
	 * of an unclosed quoted string, or of literal bytes. */
	V("a1 LOGIN \"x{5+}\r\n", "I@17 a1 +nonsync");
	V("a1 LOGIN {4+}\r\nab{1+}\r\n", "I@23 a1 +nonsync");
	VL(5, "a1 LOGIN {99+}\r\n", "I@16 a1 +nonsync");
	VL(5, "a1 LOGIN {99}\r\n", "I@15 a1");
	/* The literal after it is not read: the caller closes. */
	V("a1 FOO {5+}\r\nabcde\r\n", "I@13 a1 +nonsync I@7 *");
}

PT_TEST(imap_pipelining)
{
	V("a1 NOOP\r\na2 LOGOUT\r\n", "D@9 a1 NOOP D@11 a2 LOGOUT");
	V("a1 NOOP\na2 NO", "D@8 a1 NOOP M@5");
	V("a1 FOO\r\na2 CAPABILITY\r\n", "I@8 a1 D@15 a2 CAPABILITY");
	V("a1 LOGIN {1+}\r\nx {1+}\r\ny\r\na2 LOGOUT\r\n",
	  "D@26 a1 LOGIN L[x] L[y] D@11 a2 LOGOUT");
	V("a1 LOGIN {1}\r\nx y\r\na2 NOOP\r\na3 NOOP\r\n",
	  "L@14 D@19 a1 LOGIN L[x] A[y] D@9 a2 NOOP D@9 a3 NOOP");
	V("a1 STARTTLS\r\n\x16\x03\x01", "D@13 a1 STARTTLS M@3");
	V("", "M@0");
	V("a1 LOGIN alice", "M@14");
}

PT_TEST(imap_sasl_line)
{
	VS("AGFsaWNlAHNlY3JldA==\r\n", "D@22 * A[AGFsaWNlAHNlY3JldA==]");
	VS("dXNlcg==\n", "D@9 * A[dXNlcg==]");
	VS("\r\n", "D@2 * A[]");
	VS("\n", "D@1 * A[]");
	VS("*\r\n", "D@3 * A[*]");
	VS("a b \"c\" {5}\r\n", "D@13 * A[a b \"c\" {5}]");
	VS("ab\rcd\r\r\n", "D@8 * A[ab\\x0dcd\\x0d]");
	VS("\xff\x80\r\n", "D@4 * A[\\xff\\x80]");
	VS("a\0b\r\n", "I@5 *");
	VS("\0{5+}\r\n", "I@7 * +nonsync");
	VS("abc", "M@3");
	VS("dGVzdA==\r\na2 NOOP\r\n", "D@10 * A[dGVzdA==] D@9 a2 NOOP");
}

PT_TEST(imap_arg_copy)
{
	static const char line[] = "a LOGIN \"s\\\"e\\\\c\" {3+}\r\nx\"y \"\"\r\n";
	const uint8_t *buf = (const uint8_t *)line;
	struct pt_imap_parser P;
	uint8_t out[16];

	pt_imap_cmd_init(&P, 100);
	PT_CHECK_EQ(pt_imap_cmd_parse(&P, buf, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.nargs, 3);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 0, out, sizeof(out)), 5);
	PT_CHECK_MEM(out, 5, "s\"e\\c", 5);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 0, out, 5), 5);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 0, out, 4), -1);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 1, out, sizeof(out)), 3);
	PT_CHECK_MEM(out, 3, "x\"y", 3);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 1, out, 2), -1);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 2, out, 0), 0);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 2, NULL, 0), 0);
	PT_CHECK_EQ(pt_imap_arg_copy(&P, buf, 3, out, sizeof(out)), -1);
}

/* Calling again after the end, or with fewer bytes, changes nothing. */
PT_TEST(imap_after_end)
{
	static const char line[] = "a1 NOOP\r\nrest";
	const uint8_t *buf = (const uint8_t *)line;
	struct pt_imap_parser P;

	pt_imap_cmd_init(&P, 100);
	PT_CHECK_EQ(pt_imap_cmd_parse(&P, buf, 5), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_imap_cmd_parse(&P, buf, 3), PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 5);
	PT_CHECK_EQ(pt_imap_cmd_parse(&P, buf, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 9);
	PT_CHECK_EQ(pt_imap_cmd_parse(&P, buf, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 9);
	PT_CHECK_EQ(P.cmd, PT_IMAP_CMD_NOOP);
}

PT_TEST(imap_vector_count)
{
	fprintf(stdout, "  %d vectors\n", n_vectors);
	PT_CHECK(n_vectors >= 50);
}

PT_TEST_MAIN(PT_TEST_ENTRY(imap_commands), PT_TEST_ENTRY(imap_id), PT_TEST_ENTRY(imap_id_bounds), PT_TEST_ENTRY(imap_quoted),
             PT_TEST_ENTRY(imap_literals), PT_TEST_ENTRY(imap_literal_syntax),
             PT_TEST_ENTRY(imap_literal_bounds), PT_TEST_ENTRY(imap_arg_limit),
             PT_TEST_ENTRY(imap_tags), PT_TEST_ENTRY(imap_bad_commands),
             PT_TEST_ENTRY(imap_bad_line_nonsync_end), PT_TEST_ENTRY(imap_pipelining),
             PT_TEST_ENTRY(imap_sasl_line), PT_TEST_ENTRY(imap_arg_copy),
             PT_TEST_ENTRY(imap_after_end), PT_TEST_ENTRY(imap_vector_count))
