/*
 * Parse vectors for grammar/sieve_resp.rl (ManageSieve backend lines
 * during postern's login), each fed whole, at every split point and byte
 * by byte, with identical results required.  Dump: status, p->off, the
 * kind (S string line, O K, N O, B YE) and the first string's bytes.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "proto/sieve_resp.h"

static void dump(char *out, size_t cap, enum pt_parse_status st,
                 const struct pt_sieve_resp_parser *p, const uint8_t *buf)
{
	static const char *names[] = { "MORE", "DONE", "INVALID", "LITERAL" };
	static const char kinds[] = "?SONB";
	int n = 0;

	n = snprintf(out, cap, "%s off=%zu", names[st], p->off);
	if (st == PT_PARSE_DONE) {
		n += snprintf(out + n, cap - (size_t)n, " %c", kinds[p->kind]);
		if (p->kind == PT_SIEVE_RESP_STRING)
			snprintf(out + n, cap - (size_t)n, " [%.*s]", (int)p->name.len,
			         (const char *)buf + p->name.off);
	}
}

/* Feed the prefix [0, cut) then all (or byte by byte); return the dump. */
static void run(const char *in, size_t n, size_t maxlit, size_t cut, int bytewise, char *out,
                size_t cap)
{
	struct pt_sieve_resp_parser p;
	enum pt_parse_status st = PT_PARSE_MORE;
	uint8_t *buf = malloc(n + 1);   /* exact size: ASan sees any read past it */
	size_t last = 0;

	memcpy(buf, in, n);
	pt_sieve_resp_init(&p, maxlit);
	if (bytewise) {
		for (size_t k = 0; k <= n && st == PT_PARSE_MORE; k++) {
			st = pt_sieve_resp_parse(&p, buf, k);
			if (p.off < last || p.off > k)
				snprintf(out, cap, "!inv");
			last = p.off;
		}
	} else {
		st = pt_sieve_resp_parse(&p, buf, cut);
		if (st == PT_PARSE_MORE)
			st = pt_sieve_resp_parse(&p, buf, n);
	}
	if (strcmp(out, "!inv") != 0)
		dump(out, cap, st, &p, buf);
	free(buf);
}

static void vec(const char *in, size_t n, size_t maxlit, const char *want)
{
	char whole[256] = "", part[256] = "";

	run(in, n, maxlit, n, 0, whole, sizeof(whole));
	PT_CHECK_STR(whole, want);
	for (size_t cut = 0; cut <= n; cut++) {
		run(in, n, maxlit, cut, 0, part, sizeof(part));
		if (!PT_CHECK_STR(part, whole)) {
			printf("    split at %zu of \"%s\"\n", cut, in);
			break;
		}
	}
	part[0] = '\0';
	run(in, n, maxlit, 0, 1, part, sizeof(part));
	PT_CHECK_STR(part, whole);
}

#define V(in, want) vec((in), sizeof(in) - 1, 4096, (want))
#define VL(maxlit, in, want) vec((in), sizeof(in) - 1, (maxlit), (want))

PT_TEST(sieve_resp_capabilities)
{
	V("\"IMPLEMENTATION\" \"Dovecot Pigeonhole\"\r\n", "DONE off=39 S [IMPLEMENTATION]");
	V("\"STARTTLS\"\r\n", "DONE off=12 S [STARTTLS]");
	V("\"SASL\" \"\"\r\n", "DONE off=11 S [SASL]");
	V("\"\"\r\n", "DONE off=4 S []");
	V("\"a\\\"b\" \"c\"\r\n", "DONE off=12 S [a\\\"b]");
	V("{4}\r\nSASL {5}\r\nPLAIN\r\n", "DONE off=22 S [SASL]");
	V("\"SIEVE\" {3+}\r\na\"b\r\n", "DONE off=19 S [SIEVE]");
	V("\"VERSION\" \"1.0\"\r\nnext", "DONE off=17 S [VERSION]");
}

PT_TEST(sieve_resp_status)
{
	V("OK\r\n", "DONE off=4 O");
	V("ok \"Dovecot ready.\"\r\n", "DONE off=21 O");
	V("NO \"Authentication failed.\"\r\n", "DONE off=29 N");
	V("BYE \"Too many connections\"\r\n", "DONE off=28 B");
	V("NO (AUTH-TOO-WEAK) \"x\"\r\n", "DONE off=24 N");
	V("OK (SASL \"cnNwYXV0aD1l\")\r\n", "DONE off=26 O");
	V("NO (QUOTA/MAXSIZE) \"Quota exceeded\"\r\n", "DONE off=37 N");
	V("OK {5}\r\nready\r\n", "DONE off=15 O");
	V("BYE (REFERRAL \"sieve://b.example.org\") \"Moved\"\r\n", "DONE off=48 B");
	V("OK ()\r\n", "DONE off=7 O");
}

PT_TEST(sieve_resp_invalid)
{
	V("* OK IMAP4rev1 ready\r\n", "INVALID off=22");
	V("+OK POP3\r\n", "INVALID off=10");
	V("OK\n", "INVALID off=3");
	V("OKAY\r\n", "INVALID off=6");
	V("OK  \"x\"\r\n", "INVALID off=9");
	V("OK x\r\n", "INVALID off=6");
	V("OK \"x\" \"y\"\r\n", "INVALID off=12");
	V("OK (a(b)) \"x\"\r\n", "INVALID off=15");
	V("OK (a\r\n", "INVALID off=7");
	V("\"a\" \"b\" \"c\"\r\n", "INVALID off=13");
	V("\"a\"x\r\n", "INVALID off=6");
	V("\"a\0\"\r\n", "INVALID off=6");
	V("{1}\nx\r\n", "INVALID off=4");
	V("\r\n", "INVALID off=2");
	VL(4, "{5}\r\nabcde\r\n", "INVALID off=5");
	V("{4294967296}\r\n", "INVALID off=14");
	V("{99999999999999999999}\r\n", "INVALID off=24");
}

PT_TEST(sieve_resp_more)
{
	V("", "MORE off=0");
	V("\"IMPL", "MORE off=5");
	V("OK \"x\"\r", "MORE off=7");
	V("{5}\r\nab", "MORE off=7");
	V("garbage without end", "MORE off=19");
}

PT_TEST(sieve_resp_after_end)
{
	static const uint8_t line[] = "OK\r\nX";
	struct pt_sieve_resp_parser p;

	pt_sieve_resp_init(&p, 64);
	PT_CHECK_EQ(pt_sieve_resp_parse(&p, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(pt_sieve_resp_parse(&p, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(p.off, 4);
	pt_sieve_resp_init(&p, 64);
	PT_CHECK_EQ(pt_sieve_resp_parse(&p, line, 2), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_sieve_resp_parse(&p, line, 1), PT_PARSE_MORE);
	PT_CHECK_EQ(p.off, 2);
}

PT_TEST_MAIN(PT_TEST_ENTRY(sieve_resp_capabilities), PT_TEST_ENTRY(sieve_resp_status),
             PT_TEST_ENTRY(sieve_resp_invalid), PT_TEST_ENTRY(sieve_resp_more),
             PT_TEST_ENTRY(sieve_resp_after_end))
