/*
 * Parse vectors for grammar/conf.rl.  Each vector is fed whole, split at
 * every point into two chunks, and byte by byte; all three must give the
 * same token dump, and that dump must be the expected one.  A word's
 * line is the line of its last byte; an unfinished word is never emitted.
 */
#include "pt_test.h"
#include "proto/conf_lex.h"
#include "util/buf.h"

struct dump { struct pt_wbuf w; uint8_t mem[8192]; };

static int on_tok(void *ctx, const struct pt_conf_tok *t)
{
	struct dump *d = ctx;

	if (d->w.len)
		pt_wbuf_putc(&d->w, ' ');
	switch (t->type) {
	case PT_CONF_TOK_WORD:
		pt_wbuf_puts(&d->w, t->quoted ? "q[" : "[");
		for (size_t i = 0; i < t->len; i++) {
			uint8_t c = (uint8_t)t->word[i];
			if (c < 0x20 || c >= 0x7f)
				pt_wbuf_fmt(&d->w, "\\x%02x", c);
			else
				pt_wbuf_putc(&d->w, c);
		}
		pt_wbuf_putc(&d->w, ']');
		break;
	case PT_CONF_TOK_SEMI: pt_wbuf_putc(&d->w, ';'); break;
	case PT_CONF_TOK_LBRACE: pt_wbuf_putc(&d->w, '{'); break;
	case PT_CONF_TOK_RBRACE: pt_wbuf_putc(&d->w, '}'); break;
	default: pt_wbuf_puts(&d->w, "?"); break;
	}
	pt_wbuf_fmt(&d->w, "@%u", t->line);
	return 0;
}

static void finish(struct dump *d, struct pt_conf_lex *L, enum pt_conf_lex_status st)
{
	if (st == PT_CONF_LEX_OK)
		st = pt_conf_lex_finish(L);
	if (st == PT_CONF_LEX_UNEXPECTED)
		pt_wbuf_fmt(&d->w, " !unexpected(%c)@%u", L->bad, L->line);
	else if (st == PT_CONF_LEX_TOO_LONG)
		pt_wbuf_fmt(&d->w, " !too-long@%u", L->word_line);
	else if (st == PT_CONF_LEX_EOF_IN_WORD)
		pt_wbuf_fmt(&d->w, " !eof@%u", L->line);
	else if (st != PT_CONF_LEX_OK)
		pt_wbuf_puts(&d->w, " !other");
	pt_wbuf_cstr(&d->w);
}

/* Feed `in` in chunks cut at the offsets of `cuts` (ascending, 0-terminated list). */
static void run_split(struct dump *d, const char *in, size_t n, size_t cut, int bytewise)
{
	static struct pt_conf_lex L;
	enum pt_conf_lex_status st = PT_CONF_LEX_OK;

	pt_wbuf_init(&d->w, d->mem, sizeof(d->mem));
	pt_conf_lex_init(&L, on_tok, d);
	if (bytewise) {
		for (size_t i = 0; i < n && st == PT_CONF_LEX_OK; i++)
			st = pt_conf_lex_feed(&L, in + i, 1);
	} else {
		st = pt_conf_lex_feed(&L, in, cut);
		if (st == PT_CONF_LEX_OK)
			st = pt_conf_lex_feed(&L, in + cut, n - cut);
	}
	finish(d, &L, st);
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

PT_TEST(lex_words_and_punctuation)
{
	V("", "");
	V("listen 143;", "[listen]@1 [143]@1 ;@1");
	V("mail {\n  server {\n listen 143 ssl;\n }\n}\n",
	  "[mail]@1 {@1 [server]@2 {@2 [listen]@3 [143]@3 [ssl]@3 ;@3 }@4 }@5");
	V("a;b{c}", "[a]@1 ;@1 [b]@1 {@1 !eof@1");
	V("a}\n;", "[a}]@1 ;@2");
	V("  \t\r\n;", ";@2");
	V("x\r\ny;", "[x]@1 [y]@2 ;@2");
}

PT_TEST(lex_comments)
{
	V("# c ; { }\nx;", "[x]@2 ;@2");
	V("a#b;", "[a#b]@1 ;@1");
	V("a #b;\n;", "[a]@1 ;@2");
	V("# only a comment", "");
	V("x; # trailing", "[x]@1 ;@1");
}

PT_TEST(lex_quotes)
{
	V("a \"b c\";", "[a]@1 q[b c]@1 ;@1");
	V("a 'b;{}c';", "[a]@1 q[b;{}c]@1 ;@1");
	V("a \"\";", "[a]@1 q[]@1 ;@1");
	V("a \"x\"y;", "[a]@1 q[x]@1 !unexpected(y)@1");
	V("a \"x\"\"y\";", "[a]@1 q[x]@1 !unexpected(\")@1");
	V("a \"x\"{", "[a]@1 q[x]@1 {@1");
	V("a \"x\");", "[a]@1 q[x]@1 [)]@1 ;@1");
	V("a \"multi\nline\";", "[a]@1 q[multi\\x0aline]@2 ;@2");
	V("a \"open;", "[a]@1 !eof@1");
	V("a 'it\\'s';", "[a]@1 q[it's]@1 ;@1");
	V("a b\"c\";", "[a]@1 [b\"c\"]@1 ;@1");
}

PT_TEST(lex_escapes)
{
	V("a \\\"b;", "[a]@1 [\"b]@1 ;@1");
	V("a x\\;y;", "[a]@1 [x\\;y]@1 ;@1");
	V("a \"\\t\\r\\n\\\\\";", "[a]@1 q[\\x09\\x0d\\x0a\\]@1 ;@1");
	V("a \\q;", "[a]@1 [\\q]@1 ;@1");
	V("a x\\ y;", "[a]@1 [x\\ y]@1 ;@1");
	V("a x\\\ny;", "[a]@1 [x\\\\x0ay]@2 ;@2");
	V("a \\", "[a]@1 !eof@1");
}

PT_TEST(lex_variables)
{
	V("a ${b};", "[a]@1 [${b}]@1 ;@1");
	V("a $x{", "[a]@1 [$x]@1 {@1");
	V("a $;", "[a]@1 [$]@1 ;@1");
}

PT_TEST(lex_bytes)
{
	V("a \xff\x01;", "[a]@1 [\\xff\\x01]@1 ;@1");
	V("a b\0c;", "[a]@1 [b\\x00c]@1 ;@1");
}

PT_TEST(lex_too_long)
{
	static char in[PT_CONF_WORD_MAX + 64];
	static struct dump d;
	size_t n = 0;

	in[n++] = '\n';
	for (int i = 0; i < PT_CONF_WORD_MAX; i++)
		in[n++] = 'x';
	in[n++] = ';';
	run_split(&d, in, n, n, 0);
	PT_CHECK(d.w.len > 0 && strstr((char *)d.w.p, "!too-long") == NULL);

	n = 0;
	in[n++] = '\n';
	for (int i = 0; i <= PT_CONF_WORD_MAX; i++)
		in[n++] = 'x';
	in[n++] = ';';
	run_split(&d, in, n, n, 0);
	PT_CHECK_STR((char *)d.w.p, " !too-long@2");
}

PT_TEST_MAIN(PT_TEST_ENTRY(lex_words_and_punctuation), PT_TEST_ENTRY(lex_comments),
             PT_TEST_ENTRY(lex_quotes), PT_TEST_ENTRY(lex_escapes),
             PT_TEST_ENTRY(lex_variables), PT_TEST_ENTRY(lex_bytes), PT_TEST_ENTRY(lex_too_long))
