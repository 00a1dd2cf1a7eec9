/*
 * Parse vectors for grammar/sieve.rl (ManageSieve client commands before
 * login).
 *
 * Each vector is a stream of client bytes fed the way the core feeds its
 * client buffer: whole, split at every point into two chunks, and byte by
 * byte (the offered length growing by one from zero).  After DONE or
 * INVALID the driver drops p->off bytes and re-initialises for the next
 * item (pipelining); modes says per item whether it is a command line
 * ('c') or a SASL line ('s'), the last letter holding for the rest.
 * All feeds must give the same dump, and that dump the expected one.
 *
 * Dump, one item per result, separated by spaces:
 *   D@n CMD K[bytes]...   DONE: the command, each argument with its kind
 *                         Q(uoted) L(iteral), bytes as in buf
 *   I@n [+lit]            INVALID (command and arguments must be clear),
 *                         +lit when the line ended in a literal header
 *   M@n                   the stream ended inside an item
 * Bytes outside 0x20..0x7e are written \xNN.  Every call gets a heap copy
 * of exactly the bytes offered, so ASan sees any read past len, and the
 * invariants (off never decreases, off <= len, spans inside [0, off],
 * bounds) are checked after every call; a violation shows as "!inv".
 */
#include <stdint.h>
#include <stdlib.h>

#include "pt_test.h"
#include "proto/sieve_cmd.h"
#include "util/buf.h"

#include "cmd_dump.h"

#define MAXLIT_DEFAULT 4096

static const char *cmd_name(enum pt_sieve_cmd c)
{
	switch (c) {
	case PT_SIEVE_CMD_AUTHENTICATE: return "AUTHENTICATE";
	case PT_SIEVE_CMD_CAPABILITY: return "CAPABILITY";
	case PT_SIEVE_CMD_LOGOUT: return "LOGOUT";
	case PT_SIEVE_CMD_NOOP: return "NOOP";
	case PT_SIEVE_CMD_STARTTLS: return "STARTTLS";
	case PT_SIEVE_CMD_SASL: return "SASL";
	default: return "?";
	}
}

static void dump_item(struct dump *d, const struct pt_sieve_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	sep(d);
	pt_wbuf_fmt(&d->w, "%c@%zu", st == PT_PARSE_DONE ? 'D' : 'I', P->off);
	if (st != PT_PARSE_DONE) {
		if (P->ends_in_literal)
			pt_wbuf_puts(&d->w, " +lit");
		return;
	}
	pt_wbuf_fmt(&d->w, " %s", cmd_name(P->cmd));
	for (unsigned i = 0; i < P->nargs && i < PT_SIEVE_ARGS_MAX; i++) {
		const struct pt_sieve_arg *a = &P->args[i];
		pt_wbuf_fmt(&d->w, " %c[", a->kind == PT_SIEVE_ARG_QUOTED ? 'Q' :
		                          a->kind == PT_SIEVE_ARG_LITERAL ? 'L' : '?');
		put_bytes(&d->w, buf + a->span.off, a->span.len);
		pt_wbuf_putc(&d->w, ']');
	}
}

static int span_ok(struct pt_span s, size_t off)
{
	return s.off <= off && s.len <= off - s.off;
}

static int invariants(const struct pt_sieve_parser *P, enum pt_parse_status st, size_t before,
                      size_t len)
{
	if (P->off < before || P->off > len || P->nargs > PT_SIEVE_ARGS_MAX)
		return 0;
	for (unsigned i = 0; i < P->nargs; i++)
		if (!span_ok(P->args[i].span, P->off))
			return 0;
	if (st == PT_PARSE_MORE)
		return P->off == len;   /* every offered byte is read */
	if (st == PT_PARSE_LITERAL)
		return 0;               /* ManageSieve never waits for a literal */
	if (st == PT_PARSE_INVALID && (P->nargs != 0 || P->cmd != PT_SIEVE_CMD_UNKNOWN))
		return 0;
	return P->off > 0;
}

/* One call on a heap copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_sieve_parser *P, const uint8_t *in, size_t base,
                                 size_t fed, struct dump *d, int *bad)
{
	size_t len = fed - base, before = P->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_sieve_cmd_parse(P, buf, len);
	if (!invariants(P, st, before, len))
		*bad = 1;
	if (st != PT_PARSE_MORE)
		dump_item(d, P, buf, st);
	free(buf);
	return st;
}

static void init(struct pt_sieve_parser *P, const char *modes, unsigned item, size_t maxlit)
{
	size_t m = strlen(modes);
	char mode = modes[item < m ? item : m - 1];

	if (mode == 's')
		pt_sieve_cmd_init_sasl_line(P, maxlit);
	else
		pt_sieve_cmd_init(P, maxlit);
}

static void run(struct dump *d, const char *modes, size_t maxlit, const uint8_t *in, size_t n,
                enum feed how, size_t cut)
{
	static struct pt_sieve_parser P;
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
#define VS(modes, in, want) vec((modes), MAXLIT_DEFAULT, (in), sizeof(in) - 1, (want))

PT_TEST(sieve_commands)
{
	V("CAPABILITY\r\n", "D@12 CAPABILITY");
	V("capability\n", "D@11 CAPABILITY");
	V("NoOp\r\n", "D@6 NOOP");
	V("LOGOUT\r\n", "D@8 LOGOUT");
	V("StartTLS\r\n", "D@10 STARTTLS");
	V("AUTHENTICATE \"PLAIN\"\r\n", "D@22 AUTHENTICATE Q[PLAIN]");
	V("authenticate \"PLAIN\" \"AGFsaWNlAHB3\"\r\n",
	  "D@37 AUTHENTICATE Q[PLAIN] Q[AGFsaWNlAHB3]");
	V("NOOP \"STARTTLS-SYNC-42\"\r\n", "D@25 NOOP Q[STARTTLS-SYNC-42]");
	/* Argument counts are the core's check. */
	V("CAPABILITY \"x\" \"y\"\r\n", "D@20 CAPABILITY Q[x] Q[y]");
	V("AUTHENTICATE\r\n", "D@14 AUTHENTICATE");
}

PT_TEST(sieve_quoted)
{
	V("NOOP \"a\\\"b\\\\c\"\r\n", "D@16 NOOP Q[a\\\"b\\\\c]");
	V("NOOP \"\"\r\n", "D@9 NOOP Q[]");
	V("NOOP \"j\xc3\xb6rg \x01\t\x7f{}\"\r\n", "D@20 NOOP Q[j\\xc3\\xb6rg \\x01\\x09\\x7f{}]");
	/* "\" escapes only DQUOTE and "\"; no CR, LF or NUL inside. */
	V("NOOP \"a\\x\"\r\n", "I@12");
	V("NOOP \"ab\r\n", "I@10");
	V("NOOP \"a\nb\"\r\n", "I@8 I@4");
	V("NOOP \"a\0b\"\r\n", "I@12");
	/* After the closing quote: SP or the line end. */
	V("NOOP \"a\"\"b\"\r\n", "I@13");
	V("NOOP \"a\"b\r\n", "I@11");
}

PT_TEST(sieve_literals)
{
	V("AUTHENTICATE {5+}\r\nPLAIN {4+}\r\nAGFs\r\n",
	  "D@37 AUTHENTICATE L[PLAIN] L[AGFs]");
	/* {n} is taken like {n+}: no continuation in ManageSieve. */
	V("AUTHENTICATE {5}\nPLAIN\n", "D@23 AUTHENTICATE L[PLAIN]");
	V("NOOP {0+}\r\n\r\n", "D@13 NOOP L[]");
	/* Literal bytes are counted, never parsed. */
	V("NOOP {6+}\r\na\r\n\"\0}\r\n", "D@19 NOOP L[a\\x0d\\x0a\"\\x00}]");
	/* A literal is followed by SP or the line end. */
	V("NOOP {1+}\r\nax\r\n", "I@15");
	/* Header syntax. */
	V("NOOP {+}\r\n", "I@10");
	V("NOOP {1a}\r\n", "I@11");
	V("NOOP {1+\r\n", "I@10");
	V("NOOP {1}x\r\n", "I@11");
	V("NOOP {1}\rx\n", "I@11");
}

PT_TEST(sieve_literal_bounds)
{
	VL(5, "NOOP {5+}\r\nabcde\r\n", "D@18 NOOP L[abcde]");
	VL(5, "NOOP {6+}\r\nabcdef\r\n", "I@11 +lit I@8");
	VL(5, "NOOP {6}\r\n", "I@10 +lit");
	/* RFC 5804: number < 4,294,967,296. */
	V("NOOP {4294967296+}\r\n", "I@20 +lit");
	V("NOOP {99999999999999999999999}\r\n", "I@32 +lit");
	VL(SIZE_MAX, "NOOP {4294967295+}\r\n", "M@20");
}

PT_TEST(sieve_arg_limit)
{
	V("NOOP \"a\" \"b\"\r\n", "D@14 NOOP Q[a] Q[b]");
	V("NOOP \"a\" \"b\" \"c\"\r\n", "I@18");
	V("NOOP  \"a\"\r\n", "I@11");
	V("NOOP \"a\" \r\n", "I@11");
}

PT_TEST(sieve_bad_commands)
{
	V("PUTSCRIPT \"a\" \"b\"\r\n", "I@19");
	V("LISTSCRIPTS\r\n", "I@13");
	V("NOOPX\r\n", "I@7");
	V("NOOP x\r\n", "I@8");
	V("NOOP 5\r\n", "I@8");
	V("\r\n", "I@2");
	V("CAPABILITY\r\r\n", "I@13");
	/* A bad line ending in a literal header says so: the caller closes. */
	V("PUTSCRIPT \"a\" {28+}\r\n", "I@21 +lit");
	V("PUTSCRIPT \"a\" {28}\n", "I@19 +lit");
	V("NOOP \"unclosed {3+}\r\n", "I@21 +lit");
	V("NOOP {3+} x\r\n", "I@13");
	V("NOOP }\r\n", "I@8");
	V("NOOP +}\r\n", "I@9");
	V("NOOP {+}\r\n", "I@10");
	V("NOOP x{1+}\r\n", "I@12 +lit");
}

PT_TEST(sieve_pipelining)
{
	V("NOOP\r\nCAPABILITY\r\nLOGOUT\r\n", "D@6 NOOP D@12 CAPABILITY D@8 LOGOUT");
	V("BAD\r\nNOOP\r\n", "I@5 D@6 NOOP");
	V("NOOP\r\nNOOP", "D@6 NOOP M@4");
	V("NOOP {5+}\r\nab", "M@13");
}

PT_TEST(sieve_sasl_line)
{
	VS("s", "\"AGFsaWNlAHB3\"\r\n", "D@16 SASL Q[AGFsaWNlAHB3]");
	VS("s", "\"*\"\n", "D@4 SASL Q[*]");
	VS("s", "{4+}\r\nAGFs\r\n", "D@12 SASL L[AGFs]");
	VS("s", "{4}\r\nAGFs\r\n", "D@11 SASL L[AGFs]");
	VS("s", "\"\"\r\n", "D@4 SASL Q[]");
	/* One string only; an atom is no string. */
	VS("s", "\"a\" \"b\"\r\n", "I@9");
	VS("s", "AGFsaWNlAHB3\r\n", "I@14");
	VS("s", "\r\n", "I@2");
	VS("sc", "\"x\"\r\nNOOP\r\n", "D@5 SASL Q[x] D@6 NOOP");
}

PT_TEST(sieve_after_end)
{
	static const uint8_t line[] = "NOOP\r\nX";
	struct pt_sieve_parser P;

	pt_sieve_cmd_init(&P, 64);
	PT_CHECK_EQ(pt_sieve_cmd_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 6);
	PT_CHECK_EQ(pt_sieve_cmd_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 6);
	/* Fewer bytes than before: nothing new, nothing read again. */
	pt_sieve_cmd_init(&P, 64);
	PT_CHECK_EQ(pt_sieve_cmd_parse(&P, line, 3), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_sieve_cmd_parse(&P, line, 1), PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 3);
}

PT_TEST(sieve_vector_count)
{
	fprintf(stdout, "  %d vectors\n", n_vectors);
	PT_CHECK(n_vectors >= 50);
}

PT_TEST_MAIN(PT_TEST_ENTRY(sieve_commands), PT_TEST_ENTRY(sieve_quoted),
             PT_TEST_ENTRY(sieve_literals), PT_TEST_ENTRY(sieve_literal_bounds),
             PT_TEST_ENTRY(sieve_arg_limit), PT_TEST_ENTRY(sieve_bad_commands),
             PT_TEST_ENTRY(sieve_pipelining), PT_TEST_ENTRY(sieve_sasl_line),
             PT_TEST_ENTRY(sieve_after_end), PT_TEST_ENTRY(sieve_vector_count))
