/*
 * Parse vectors for grammar/status.rl (the metrics listener's request
 * head), each fed whole, at every split point and byte by byte, with
 * identical results required.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "proto/status.h"

static void dump(char *out, size_t cap, enum pt_parse_status st, const struct pt_status_parser *p,
                 const uint8_t *buf)
{
	static const char *names[] = { "MORE", "DONE", "INVALID", "LITERAL" };

	if (st == PT_PARSE_DONE)
		snprintf(out, cap, "DONE off=%zu m=%d t=%.*s v=1.%d", p->off, (int)p->method,
		         (int)p->target.len, (const char *)buf + p->target.off, p->minor);
	else
		snprintf(out, cap, "%s off=%zu", names[st], p->off);
}

static void run(const char *in, size_t n, size_t cut, int bytewise, char *out, size_t cap)
{
	struct pt_status_parser p;
	enum pt_parse_status st = PT_PARSE_MORE;
	uint8_t *buf = malloc(n + 1);   /* exact size: ASan sees any read past it */

	memcpy(buf, in, n);
	pt_status_init(&p);
	if (bytewise) {
		for (size_t k = 1; k <= n && st == PT_PARSE_MORE; k++)
			st = pt_status_parse(&p, buf, k);
	} else {
		st = pt_status_parse(&p, buf, cut);
		if (st == PT_PARSE_MORE)
			st = pt_status_parse(&p, buf, n);
	}
	dump(out, cap, st, &p, buf);
	free(buf);
}

static void vec(const char *in, size_t n, const char *want)
{
	char whole[512], part[512];

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

PT_TEST(status_get_metrics)
{
	V("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:9100\r\nUser-Agent: curl/7.88.1\r\n"
	  "Accept: */*\r\n\r\n", "DONE off=85 m=1 t=/metrics v=1.1");
	V("GET /metrics HTTP/1.0\r\n\r\n", "DONE off=25 m=1 t=/metrics v=1.0");
	V("GET /metrics HTTP/1.0\n\n", "DONE off=23 m=1 t=/metrics v=1.0");
	V("HEAD / HTTP/1.1\r\n\r\nGET", "DONE off=19 m=2 t=/ v=1.1");
	V("POST /metrics?x=1 HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
	  "DONE off=49 m=3 t=/metrics?x=1 v=1.1");
	V("get /metrics HTTP/1.1\r\nX-Empty:\r\nX-Sp: a b\t \r\n\r\n",
	  "DONE off=48 m=3 t=/metrics v=1.1");
	V("GET /m\xc3\xa9 HTTP/1.1\r\n\r\n", "INVALID off=7");
	V("GET /metrics HTTP/1.1\r\nX: caf\xc3\xa9\r\n\r\n", "DONE off=35 m=1 t=/metrics v=1.1");
}

PT_TEST(status_more)
{
	V("", "MORE off=0");
	V("GET /metrics HTTP/1.1\r\n", "MORE off=23");
	V("GET /metrics HTTP/1.1\r\nHost: x\r\n\r", "MORE off=33");
}

PT_TEST(status_invalid)
{
	V("GET  /metrics HTTP/1.1\r\n\r\n", "INVALID off=5");
	V("GET metrics HTTP/1.1\r\n\r\n", "INVALID off=5");
	V("GET http://h/metrics HTTP/1.1\r\n\r\n", "INVALID off=5");
	V("GET /metrics HTTP/2.0\r\n\r\n", "INVALID off=19");
	V("GET /metrics HTTP/1.x\r\n\r\n", "INVALID off=21");
	V("GET /metrics\r\n\r\n", "INVALID off=13");
	V("GET /metrics HTTP/1.1\r\n folded\r\n\r\n", "INVALID off=24");
	V("GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n", "INVALID off=28");
	V("GET /metrics HTTP/1.1\r\nX: a\rb\r\n\r\n", "INVALID off=29");
	V("GET /metrics HTTP/1.1\r\nX: \x01\r\n\r\n", "INVALID off=27");
	V("\r\nGET / HTTP/1.1\r\n\r\n", "INVALID off=1");
	V("GET /metrics HTTP/1.1\r\r\n", "INVALID off=23");
}

PT_TEST(status_target_bound)
{
	char req[PT_STATUS_TARGET_MAX + 40], want[PT_STATUS_TARGET_MAX + 64];
	size_t n;

	/* PT_STATUS_TARGET_MAX bytes are a target; one more is not */
	memcpy(req, "GET /", 5);
	memset(req + 5, 'a', PT_STATUS_TARGET_MAX - 1);
	n = 5 + PT_STATUS_TARGET_MAX - 1;
	memcpy(req + n, " HTTP/1.0\r\n\r\n", 13);
	n += 13;
	snprintf(want, sizeof(want), "DONE off=%zu m=1 t=%.*s v=1.0", n, PT_STATUS_TARGET_MAX,
	         req + 4);
	vec(req, n, want);
	memcpy(req, "GET /", 5);
	memset(req + 5, 'a', PT_STATUS_TARGET_MAX);
	n = 5 + PT_STATUS_TARGET_MAX;
	memcpy(req + n, " HTTP/1.0\r\n\r\n", 13);
	n += 13;
	snprintf(want, sizeof(want), "INVALID off=%d", 5 + PT_STATUS_TARGET_MAX);
	vec(req, n, want);
}

PT_TEST(status_sticky_and_shrunk)
{
	struct pt_status_parser p;
	static const uint8_t req[] = "GET / HTTP/1.0\r\n\r\n";

	pt_status_init(&p);
	PT_CHECK_EQ(pt_status_parse(&p, req, 10), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_status_parse(&p, req, 5), PT_PARSE_INVALID);
	PT_CHECK_EQ(pt_status_parse(&p, req, sizeof(req) - 1), PT_PARSE_INVALID);
	pt_status_init(&p);
	PT_CHECK_EQ(pt_status_parse(&p, req, sizeof(req) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(pt_status_parse(&p, req, sizeof(req) - 1), PT_PARSE_DONE);
}

PT_TEST_MAIN(
	PT_TEST_ENTRY(status_get_metrics),
	PT_TEST_ENTRY(status_more),
	PT_TEST_ENTRY(status_invalid),
	PT_TEST_ENTRY(status_target_bound),
	PT_TEST_ENTRY(status_sticky_and_shrunk)
)
