/*
 * Parse vectors for grammar/pop3.rl (POP3 client commands before login).
 *
 * Each vector is a stream of client bytes fed the way the core feeds its
 * client buffer: whole, split at every point into two chunks (the prefix,
 * then all), and byte by byte (the offered length growing by one from
 * zero).  After DONE or INVALID the driver drops p->off bytes and
 * re-initialises for the next command (pipelining).  All feeds must give
 * the same dump, and that dump the expected one.
 *
 * Dump, one item per result, separated by spaces:
 *   D@n CMD [bytes]...   DONE, p->off = n: the command (left out if
 *                        UNKNOWN, as for a SASL line), each argument
 *                        with its bytes as in buf
 *   I@n                  INVALID (command and arguments must be clear)
 *   M@n                  the stream ended inside an item
 * Bytes outside 0x20..0x7e are written \xNN.  Every call gets a heap copy
 * of exactly the bytes offered, so ASan sees any read past len, and the
 * invariants (off never decreases, off <= len, == len on MORE, spans
 * inside [0, off], nargs <= PT_POP3_ARGS_MAX, a DONE or INVALID line ends
 * in LF) are checked after every call; a violation shows as "!inv".
 */
#include <stdint.h>
#include <stdlib.h>

#include "pt_test.h"
#include "proto/pop3_cmd.h"
#include "util/buf.h"

#include "cmd_dump.h"

static const char *cmd_name(enum pt_pop3_cmd c)
{
	switch (c) {
	case PT_POP3_CMD_UNKNOWN: return "";
	case PT_POP3_CMD_USER: return "USER";
	case PT_POP3_CMD_PASS: return "PASS";
	case PT_POP3_CMD_APOP: return "APOP";
	case PT_POP3_CMD_AUTH: return "AUTH";
	case PT_POP3_CMD_CAPA: return "CAPA";
	case PT_POP3_CMD_NOOP: return "NOOP";
	case PT_POP3_CMD_QUIT: return "QUIT";
	case PT_POP3_CMD_STLS: return "STLS";
	default: return "?";
	}
}

static void dump_item(struct dump *d, const struct pt_pop3_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	sep(d);
	if (st == PT_PARSE_INVALID) {
		pt_wbuf_fmt(&d->w, "I@%zu", P->off);
		return;
	}
	pt_wbuf_fmt(&d->w, "D@%zu", P->off);
	if (P->cmd != PT_POP3_CMD_UNKNOWN)
		pt_wbuf_fmt(&d->w, " %s", cmd_name(P->cmd));
	for (unsigned i = 0; i < P->nargs && i < PT_POP3_ARGS_MAX; i++) {
		pt_wbuf_puts(&d->w, " [");
		put_bytes(&d->w, buf + P->args[i].off, P->args[i].len);
		pt_wbuf_putc(&d->w, ']');
	}
}

static int span_ok(struct pt_span s, size_t off)
{
	return s.off <= off && s.len <= off - s.off;
}

static int invariants(const struct pt_pop3_parser *P, enum pt_parse_status st, size_t before,
                      size_t len, const uint8_t *buf)
{
	if (P->off < before || P->off > len || P->nargs > PT_POP3_ARGS_MAX)
		return 0;
	for (unsigned i = 0; i < P->nargs; i++)
		if (!span_ok(P->args[i], P->off))
			return 0;
	switch (st) {
	case PT_PARSE_MORE:
		return P->off == len;   /* every offered byte is read */
	case PT_PARSE_INVALID:
		if (P->nargs != 0 || P->cmd != PT_POP3_CMD_UNKNOWN)
			return 0;
		/* fall through */
	case PT_PARSE_DONE:
		return P->off > 0 && buf[P->off - 1] == '\n';
	default:
		return 0;
	}
}

/* One call on a heap copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_pop3_parser *P, const uint8_t *in, size_t base,
                                 size_t fed, struct dump *d, int *bad)
{
	size_t len = fed - base, before = P->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_pop3_cmd_parse(P, buf, len);
	if (!invariants(P, st, before, len, buf))
		*bad = 1;
	if (st != PT_PARSE_MORE)
		dump_item(d, P, buf, st);
	free(buf);
	return st;
}

/* modes: one letter per item, 'c' a command line, 's' a SASL line; the
 * last letter goes on for the items after it. */
static void init(struct pt_pop3_parser *P, const char *modes, unsigned item)
{
	size_t m = strlen(modes);
	char mode = modes[item < m ? item : m - 1];

	if (mode == 's')
		pt_pop3_cmd_init_sasl_line(P);
	else
		pt_pop3_cmd_init(P);
}

static void run(struct dump *d, const char *modes, const uint8_t *in, size_t n, enum feed how,
                size_t cut)
{
	static struct pt_pop3_parser P;
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
		if (st != PT_PARSE_MORE) {
			pt_wbuf_puts(&d->w, " !status");
			break;
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
	if (!PT_CHECK_MEM(part.w.p, part.w.len, whole.w.p, whole.w.len))
		fprintf(stdout, "    byte by byte\n");
}

#define V(in, want) vec("c", (in), sizeof(in) - 1, (want))
#define VS(in, want) vec("sc", (in), sizeof(in) - 1, (want))

PT_TEST(pop3_commands)
{
	V("CAPA\r\n", "D@6 CAPA");
	V("capa\n", "D@5 CAPA");
	V("NoOp\r\n", "D@6 NOOP");
	V("qUIT\r\n", "D@6 QUIT");
	V("StLs\r\n", "D@6 STLS");
	V("sTLS\n", "D@5 STLS");
	V("AUTH\r\n", "D@6 AUTH");
	V("aUtH PLAIN\r\n", "D@12 AUTH [PLAIN]");
	V("Auth plain AGFsaWNlAHNlY3JldA==\r\n", "D@33 AUTH [plain] [AGFsaWNlAHNlY3JldA==]");
	V("AUTH PLAIN =\n", "D@13 AUTH [PLAIN] [=]");
	V("AUTH LOGIN\r\n", "D@12 AUTH [LOGIN]");
	V("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n",
	  "D@45 APOP [mrose] [c4c9334bac560ecc979e58001b3e22fb]");
	V("aPoP a b\n", "D@9 APOP [a] [b]");
	/* How many arguments a command takes is the core's check. */
	V("APOP mrose\r\n", "D@12 APOP [mrose]");
	V("APOP\r\n", "D@6 APOP");
	V("CAPA x\r\n", "D@8 CAPA [x]");
	V("QUIT now please\r\n", "D@17 QUIT [now] [please]");
}

PT_TEST(pop3_user_pass)
{
	V("USER alice\r\n", "D@12 USER [alice]");
	V("user alice\n", "D@11 USER [alice]");
	V("PaSs secret\r\n", "D@13 PASS [secret]");
	/* The rest of the line, inner and trailing spaces included (nginx). */
	V("UsEr john smith\r\n", "D@17 USER [john smith]");
	V("pass my  secret pass \r\n", "D@23 PASS [my  secret pass ]");
	V("USER a b c d e\r\n", "D@16 USER [a b c d e]");
	/* The spaces after the keyword are not part of it. */
	V("PASS   lead\r\n", "D@13 PASS [lead]");
	/* No argument: the core refuses. */
	V("USER\r\n", "D@6 USER");
	V("PASS \r\n", "D@7 PASS");
	V("PASS    \n", "D@9 PASS");
	/* Any byte but NUL, CR and LF (nginx: any but CR and LF). */
	V("PASS a\tb\x7f\x01\xc3\xa9\"{5}\r\n", "D@18 PASS [a\\x09b\\x7f\\x01\\xc3\\xa9\"{5}]");
	V("USER j\xc3\xb6rg@example.org\r\n", "D@24 USER [j\\xc3\\xb6rg@example.org]");
}

PT_TEST(pop3_spaces)
{
	/* nginx's sw_spaces_before_argument: runs of spaces anywhere after
	 * the keyword, before the line end too. */
	V("NOOP \r\n", "D@7 NOOP");
	V("QUIT   \n", "D@8 QUIT");
	V("apop a  b  \r\n", "D@13 APOP [a] [b]");
	V("AUTH   PLAIN   =  \r\n", "D@20 AUTH [PLAIN] [=]");
	/* A tab is an argument byte, never a separator. */
	V("AUTH PLAIN\t=\r\n", "D@14 AUTH [PLAIN\\x09=]");
	/* Before the keyword and between it and the first argument: */
	V(" USER a\r\n", "I@9");
	V("USER\ta\r\n", "I@8");
	V("NOOP\t\r\n", "I@7");
}

PT_TEST(pop3_arg_limit)
{
	V("AUTH PLAIN = x\r\n", "I@16");
	V("APOP a b c\r\n", "I@12");
	V("NOOP x y z\r\n", "I@12");
	V("AUTH a b \r\n", "D@11 AUTH [a] [b]");
	V("AUTH a b  c\n", "I@12");
}

PT_TEST(pop3_bad_keywords)
{
	/* Known after login only, or not at all. */
	V("STAT\r\n", "I@6");
	V("RETR 1\r\n", "I@8");
	V("LIST\n", "I@5");
	V("UIDL 1\r\n", "I@8");
	/* Three- and five-letter words. */
	V("TOP 1 10\r\n", "I@10");
	V("FOO\r\n", "I@5");
	V("USERX a\r\n", "I@9");
	V("CAPAB\r\n", "I@7");
	V("STARTTLS\r\n", "I@10");
	V("US\r\n", "I@4");
	V("U\n", "I@2");
	V("USE R\r\n", "I@7");
	V("1234\r\n", "I@6");
	V("\xd5SER a\r\n", "I@8");
	V("a1 LOGIN a b\r\n", "I@14");
}

PT_TEST(pop3_line_ends)
{
	V("\r\n", "I@2");
	V("\n", "I@1");
	V("   \r\n", "I@5");
	V("QUIT\r\r\n", "I@7");
	V("NOOP\rX\r\n", "I@8");
	V("USER a\rb\r\n", "I@10");
	V("PASS x \r y\r\n", "I@12");
	V("AUTH PLAIN\r=\r\n", "I@14");
	V("\r\r\r\n", "I@4");
}

PT_TEST(pop3_nul)
{
	V("\0\r\n", "I@3");
	V("US\0ER a\r\n", "I@9");
	V("NOOP\0\r\n", "I@7");
	V("USER a\0b\r\n", "I@10");
	V("PASS \0\r\n", "I@8");
	V("PASS secret\0\r\n", "I@14");
	V("AUTH PLAIN \0\n", "I@13");
	V("APOP a\0 b\r\n", "I@11");
	V("QUIT\r\0\n", "I@7");
}

PT_TEST(pop3_pipelining)
{
	/* p->off stops after the first command; the rest is the next one's. */
	V("USER a\r\nPASS b\r\n", "D@8 USER [a] D@8 PASS [b]");
	V("CAPA\r\nUSER alice\r\nPASS s p\r\nQUIT\r\n",
	  "D@6 CAPA D@12 USER [alice] D@10 PASS [s p] D@6 QUIT");
	V("CAPA\r\nUSER a", "D@6 CAPA M@6");
	V("FOO\r\nQUIT\r\n", "I@5 D@6 QUIT");
	V("USER a\0\nNOOP\n", "I@8 D@5 NOOP");
	V("NOOP\n\nNOOP\r\n", "D@5 NOOP I@1 D@6 NOOP");
	/* After STLS the bytes are TLS (the caller drops them). */
	V("STLS\r\n\x16\x03\x01", "D@6 STLS M@3");
	V("", "M@0");
	V("USER alice", "M@10");
	/* A bad line is not over before its LF. */
	V("XYZ", "M@3");
	V("XYZ\r", "M@4");
}

PT_TEST(pop3_sasl_line)
{
	VS("AGFsaWNlAHNlY3JldA==\r\n", "D@22 [AGFsaWNlAHNlY3JldA==]");
	VS("dXNlcg==\n", "D@9 [dXNlcg==]");
	VS("\r\n", "D@2 []");
	VS("\n", "D@1 []");
	VS("*\r\n", "D@3 [*]");
	VS("a b  c \r\n", "D@9 [a b  c ]");
	VS("ab\rcd\r\r\n", "D@8 [ab\\x0dcd\\x0d]");
	VS("\xff\x80\t\r\n", "D@5 [\\xff\\x80\\x09]");
	VS("USER alice\r\n", "D@12 [USER alice]");
	VS("a\0b\r\n", "I@5");
	VS("\0\n", "I@2");
	VS("abc", "M@3");
	/* The line after the SASL line is a command again. */
	VS("dGVzdA==\r\nQUIT\r\n", "D@10 [dGVzdA==] D@6 QUIT");
	VS("\0\nQUIT\n", "I@2 D@5 QUIT");
}

/* Calling again after the end, or with fewer bytes, changes nothing. */
PT_TEST(pop3_after_end)
{
	static const char line[] = "USER al ice\r\nrest";
	const uint8_t *buf = (const uint8_t *)line;
	struct pt_pop3_parser P;

	pt_pop3_cmd_init(&P);
	PT_CHECK_EQ(pt_pop3_cmd_parse(&P, NULL, 0), PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 0);
	PT_CHECK_EQ(pt_pop3_cmd_parse(&P, buf, 8), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_pop3_cmd_parse(&P, buf, 3), PT_PARSE_MORE);
	PT_CHECK_EQ(P.off, 8);
	PT_CHECK_EQ(P.nargs, 1);
	PT_CHECK_EQ(P.args[0].off, 5);
	PT_CHECK_EQ(P.args[0].len, 3);
	PT_CHECK_EQ(pt_pop3_cmd_parse(&P, buf, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 13);
	PT_CHECK_EQ(pt_pop3_cmd_parse(&P, buf, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 13);
	PT_CHECK_EQ(P.cmd, PT_POP3_CMD_USER);
	PT_CHECK_EQ(P.args[0].len, 6);

	pt_pop3_cmd_init(&P);
	PT_CHECK_EQ(pt_pop3_cmd_parse(&P, (const uint8_t *)"X\n", 2), PT_PARSE_INVALID);
	PT_CHECK_EQ(pt_pop3_cmd_parse(&P, (const uint8_t *)"X\nQUIT\n", 7), PT_PARSE_INVALID);
	PT_CHECK_EQ(P.off, 2);
}

PT_TEST(pop3_vector_count)
{
	fprintf(stdout, "  %d vectors\n", n_vectors);
	PT_CHECK(n_vectors >= 40);
}

PT_TEST_MAIN(PT_TEST_ENTRY(pop3_commands), PT_TEST_ENTRY(pop3_user_pass),
             PT_TEST_ENTRY(pop3_spaces), PT_TEST_ENTRY(pop3_arg_limit),
             PT_TEST_ENTRY(pop3_bad_keywords), PT_TEST_ENTRY(pop3_line_ends),
             PT_TEST_ENTRY(pop3_nul), PT_TEST_ENTRY(pop3_pipelining),
             PT_TEST_ENTRY(pop3_sasl_line), PT_TEST_ENTRY(pop3_after_end),
             PT_TEST_ENTRY(pop3_vector_count))
