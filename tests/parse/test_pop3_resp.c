/*
 * Parse vectors for grammar/pop3_resp.rl, each fed whole, at every split
 * point and byte by byte, with identical results required.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "proto/pop3_resp.h"

static void dump(char *out, size_t cap, enum pt_parse_status st, const struct pt_pop3_resp_parser *p)
{
	static const char *names[] = { "MORE", "DONE", "INVALID", "LITERAL" };

	snprintf(out, cap, "%s off=%zu status=%d", names[st], p->off,
	         st == PT_PARSE_DONE ? (int)p->status : 0);
}

/* Feed the prefix [0, cut) then all; return the dump. */
static void run(const char *in, size_t n, size_t cut, int bytewise, char *out, size_t cap)
{
	struct pt_pop3_resp_parser p;
	enum pt_parse_status st = PT_PARSE_MORE;
	uint8_t *buf = malloc(n + 1);   /* exact size: ASan sees any read past it */

	memcpy(buf, in, n);
	pt_pop3_resp_init(&p);
	if (bytewise) {
		for (size_t k = 1; k <= n && st == PT_PARSE_MORE; k++)
			st = pt_pop3_resp_parse(&p, buf, k);
	} else {
		st = pt_pop3_resp_parse(&p, buf, cut);
		if (st == PT_PARSE_MORE)
			st = pt_pop3_resp_parse(&p, buf, n);
	}
	dump(out, cap, st, &p);
	free(buf);
}

static void vec(const char *in, size_t n, const char *want)
{
	char whole[128], part[128];

	run(in, n, n, 0, whole, sizeof(whole));
	PT_CHECK_STR(whole, want);
	for (size_t cut = 0; cut <= n; cut++) {
		run(in, n, cut, 0, part, sizeof(part));
		if (!PT_CHECK_STR(part, whole)) {
			printf("    split at %zu of \"%s\"\n", cut, in);
			break;
		}
	}
	run(in, n, 0, 1, part, sizeof(part));
	PT_CHECK_STR(part, whole);
}

#define V(in, want) vec((in), sizeof(in) - 1, (want))

PT_TEST(pop3_resp_ok)
{
	V("+OK\r\n", "DONE off=5 status=1");
	V("+OK POP3 ready\r\n", "DONE off=16 status=1");
	V("+OK Dovecot ready. <1.2@host>\r\n", "DONE off=31 status=1");
	V("+OK \r\n", "DONE off=6 status=1");
	V("+OK caf\xc3\xa9\r\n", "DONE off=11 status=1");
	V("+OK a\r\nnext", "DONE off=7 status=1");
}

PT_TEST(pop3_resp_err)
{
	V("-ERR\r\n", "DONE off=6 status=2");
	V("-ERR [AUTH] Authentication failed.\r\n", "DONE off=36 status=2");
}

PT_TEST(pop3_resp_invalid)
{
	V("+OKAY\r\n", "INVALID off=7 status=0");
	V("+ok\r\n", "INVALID off=5 status=0");
	V("+ \r\n", "INVALID off=4 status=0");
	V("-ER\r\n", "INVALID off=5 status=0");
	V("* OK\r\n", "INVALID off=6 status=0");
	V("+OK\n", "INVALID off=4 status=0");
	V("+OK a\rb\r\n", "INVALID off=9 status=0");
	V("+OK a\0b\r\n", "INVALID off=9 status=0");
	V("\r\n", "INVALID off=2 status=0");
	V("\n", "INVALID off=1 status=0");
	V("garbage here\r\n+OK\r\n", "INVALID off=14 status=0");
}

PT_TEST(pop3_resp_more)
{
	V("", "MORE off=0 status=0");
	V("+O", "MORE off=2 status=0");
	V("+OK some text", "MORE off=13 status=0");
	V("+OK text\r", "MORE off=9 status=0");
	V("bad start without end", "MORE off=21 status=0");
}

PT_TEST_MAIN(PT_TEST_ENTRY(pop3_resp_ok), PT_TEST_ENTRY(pop3_resp_err),
             PT_TEST_ENTRY(pop3_resp_invalid), PT_TEST_ENTRY(pop3_resp_more))
