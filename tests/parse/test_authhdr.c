/*
 * Parse vectors for grammar/authhdr.rl.  Each vector is an auth_http
 * reply (or a piece of one), fed the way the core reads the auth server's
 * socket: whole, split at every point into two chunks, and byte by byte.
 * After DONE or INVALID the driver drops p->off bytes and re-initialises;
 * "first" is set for the first line and again after an END (a vector may
 * hold several replies).  All three feeds must give the same dump, and
 * that dump the expected one.
 *
 * Dump: one item per line read, separated by spaces:
 *   S@n             status line, n bytes with its line end
 *   F[name]=[value]@n   header field (value trimmed); an empty value also
 *                   shows its offset: =[]^off
 *   E@n             the empty line that ends the headers
 *   !@n             INVALID, n bytes up to and including the LF
 * then " more(k)" if k bytes of an unfinished line are left.
 * Every call gets a heap copy of exactly the bytes offered, so ASan sees
 * any read past len.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "proto/authhdr.h"
#include "util/buf.h"

struct dump { struct pt_wbuf w; uint8_t mem[8192]; };

static void put_bytes(struct dump *d, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] >= 0x7f)
			pt_wbuf_fmt(&d->w, "\\x%02x", p[i]);
		else
			pt_wbuf_putc(&d->w, p[i]);
	}
}

static void dump_item(struct dump *d, const struct pt_authhdr_parser *P, const uint8_t *buf,
                      enum pt_parse_status st)
{
	if (d->w.len)
		pt_wbuf_putc(&d->w, ' ');
	if (st == PT_PARSE_INVALID) {
		pt_wbuf_fmt(&d->w, "!@%zu", P->off);
		return;
	}
	switch (P->kind) {
	case PT_AUTHHDR_STATUS:
		pt_wbuf_putc(&d->w, 'S');
		break;
	case PT_AUTHHDR_FIELD:
		pt_wbuf_puts(&d->w, "F[");
		put_bytes(d, buf + P->name.off, P->name.len);
		pt_wbuf_puts(&d->w, "]=[");
		put_bytes(d, buf + P->value.off, P->value.len);
		pt_wbuf_putc(&d->w, ']');
		if (P->value.len == 0)
			pt_wbuf_fmt(&d->w, "^%u", (unsigned)P->value.off);
		break;
	case PT_AUTHHDR_END:
		pt_wbuf_putc(&d->w, 'E');
		break;
	default:
		pt_wbuf_puts(&d->w, "?");
		break;
	}
	pt_wbuf_fmt(&d->w, "@%zu", P->off);
}

/* One call on a copy of exactly in[base..fed). */
static enum pt_parse_status call(struct pt_authhdr_parser *P, const uint8_t *in, size_t base,
                                 size_t fed, struct dump *d)
{
	size_t len = fed - base, before = P->off;
	uint8_t *buf = malloc(len ? len : 1);
	enum pt_parse_status st;

	memcpy(buf, in + base, len);
	st = pt_authhdr_parse(P, buf, len);
	PT_CHECK(P->off >= before && P->off <= len);
	if (st == PT_PARSE_MORE) {
		PT_CHECK(P->off == len);   /* every offered byte is read */
	} else {
		if (st == PT_PARSE_DONE && P->kind == PT_AUTHHDR_FIELD)
			PT_CHECK(P->name.off + P->name.len <= P->off &&
			         P->value.off + P->value.len <= P->off);
		dump_item(d, P, buf, st);
	}
	free(buf);
	return st;
}

/* Feed in[0..n): bytewise, or two chunks cut at `cut`. */
static void run_split(struct dump *d, const char *in_, size_t n, size_t cut, int bytewise)
{
	static struct pt_authhdr_parser P;
	const uint8_t *in = (const uint8_t *)in_;
	size_t base = 0, fed = 0;
	enum pt_parse_status st;

	pt_wbuf_init(&d->w, d->mem, sizeof(d->mem));
	pt_authhdr_init(&P, 1);
	do {
		fed = bytewise ? fed + 1 : (fed < cut ? cut : n);
		if (fed > n)
			fed = n;
		while ((st = call(&P, in, base, fed, d)) != PT_PARSE_MORE) {
			int again = st == PT_PARSE_DONE && P.kind == PT_AUTHHDR_END;
			base += P.off;
			pt_authhdr_init(&P, again);
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

PT_TEST(hdr_replies)
{
	V("HTTP/1.0 200 OK\r\nAuth-Status: OK\r\nAuth-Server: 127.0.0.1\r\nAuth-Port: 143\r\n\r\n",
	  "S@17 F[Auth-Status]=[OK]@17 F[Auth-Server]=[127.0.0.1]@24 F[Auth-Port]=[143]@16 E@2");
	V("HTTP/1.0 200 OK\r\nAuth-Status: Invalid login or password\r\nAuth-Wait: 3\r\n\r\n",
	  "S@17 F[Auth-Status]=[Invalid login or password]@40 F[Auth-Wait]=[3]@14 E@2");
	V("HTTP/1.0 200 OK\r\nAuth-Status: Temporary server problem, try again later\r\n"
	  "Auth-Error-Code: 451 4.3.0\r\nAuth-Wait: 3\r\n\r\n",
	  "S@17 F[Auth-Status]=[Temporary server problem, try again later]@56 "
	  "F[Auth-Error-Code]=[451 4.3.0]@28 F[Auth-Wait]=[3]@14 E@2");
	V("HTTP/1.1 200 OK\nAuth-Status: OK\nAuth-Server: ::1\nAuth-Port: 993\nAuth-Pass: s3cr%20t\n\n",
	  "S@16 F[Auth-Status]=[OK]@16 F[Auth-Server]=[::1]@17 F[Auth-Port]=[993]@15 "
	  "F[Auth-Pass]=[s3cr%20t]@20 E@1");
	/* freenginx's Auth-Error-SASL (XOAUTH2, OAUTHBEARER): base64 JSON, or raw
	 * JSON with its blanks; the value's rules are every header's. */
	V("HTTP/1.0 200 OK\r\nAuth-Status: Invalid token\r\n"
	  "Auth-Error-SASL: eyJzdGF0dXMiOiI0MDEifQ==\r\n\r\n",
	  "S@17 F[Auth-Status]=[Invalid token]@28 F[Auth-Error-SASL]=[eyJzdGF0dXMiOiI0MDEifQ==]@43 E@2");
	V("Auth-Error-Sasl:   {\"status\": \"invalid_token\"}  \r\n\r\n",
	  "F[Auth-Error-Sasl]=[{\"status\": \"invalid_token\"}]@50 E@2");
	/* No status line: nginx parses the bytes as headers from the start. */
	V("Auth-Status: OK\r\nAuth-Server: 10.0.0.2\r\nAuth-Port: 110\r\n\r\n",
	  "F[Auth-Status]=[OK]@17 F[Auth-Server]=[10.0.0.2]@23 F[Auth-Port]=[110]@16 E@2");
	/* Two replies back to back: "first" again after the END. */
	V("HTTP/1.0 200 OK\r\n\r\nHTTP/1.0 502 Bad\r\nAuth-Status: x\r\n\r\n",
	  "S@17 E@2 S@18 F[Auth-Status]=[x]@16 E@2");
}

PT_TEST(hdr_status)
{
	V("HTTP/1.0 200 OK\r\n", "S@17");
	V("HTTP/1.0 500 Oops\r\n", "S@19");
	V("HTTP/1.1 999 \xff\x80 whatever\n", "S@25");
	V("HTTP/\r\n", "S@7");
	V("HTTP/\n", "S@6");
	V("HTTP/2 200\r\n", "S@12");
	V("HTTP/1.0 200 OK\r\nHTTP/1.0 200 OK\r\n", "S@17 !@17");
	V("http/1.0 200 OK\r\n", "!@17");
	V("HTTPS/1.0 200\r\n", "!@15");
	V("HTTP 200\r\n", "!@10");
	V("HTTP: x\r\n", "F[HTTP]=[x]@9");
	V("HTTP/1.0 2\x00" "0\r\n", "!@14");
	V("HTTP/1.0 200\rOK\r\n", "!@17");
	V("HTTP/1.0 200\r\r\n", "!@15");
	V("HTTP/1.0 200 O", " more(14)");
	V("HTTP/1.0 200 OK\r", " more(16)");
	V("HTT", " more(3)");
}

PT_TEST(hdr_names)
{
	V("Auth-Status: OK\r\n", "F[Auth-Status]=[OK]@17");
	V("auth-status: OK\r\n", "F[auth-status]=[OK]@17");
	V("X-1-2: v\r\n", "F[X-1-2]=[v]@10");
	V("123: v\r\n", "F[123]=[v]@8");
	V("a: v\r\n", "F[a]=[v]@6");
	V("-X: y\r\n", "F[-X]=[y]@7");
	V("X--: y\r\n", "F[X--]=[y]@8");
	V("Auth Status: OK\r\n", "!@17");
	V("Auth-Status : OK\r\n", "!@18");
	V("Auth_Status: OK\r\n", "!@17");
	V("Auth.Status: OK\r\n", "!@17");
	V("Auth-St\xc3\xa4tus: OK\r\n", "!@18");
	V("Auth\0: OK\r\n", "!@11");
	V(": v\r\n", "!@5");
	V(":\r\n", "!@3");
	V("Name\r\n", "!@6");
	V("Name\n", "!@5");
	V("Name", " more(4)");
}

PT_TEST(hdr_values)
{
	V("Auth-Status:OK\r\n", "F[Auth-Status]=[OK]@16");
	V("Auth-Status:   OK   \r\n", "F[Auth-Status]=[OK]@22");
	V("Auth-Status: \t OK \t\r\n", "F[Auth-Status]=[OK]@21");
	V("Auth-Status: a \t b\r\n", "F[Auth-Status]=[a \\x09 b]@20");
	V("Auth-Status: Ung\xc3\xbcltig\r\n", "F[Auth-Status]=[Ung\\xc3\\xbcltig]@24");
	V("Auth-Server: ::1\r\n", "F[Auth-Server]=[::1]@18");
	V("X: a:b: c\r\n", "F[X]=[a:b: c]@11");
	V("Auth-Status: OK\n", "F[Auth-Status]=[OK]@16");
	V("A: b  \n", "F[A]=[b]@7");
	V("Auth-Status: O", " more(14)");
}

PT_TEST(hdr_empty_values)
{
	V("Auth-Status:\r\n", "F[Auth-Status]=[]^12@14");
	V("Auth-Status:\n", "F[Auth-Status]=[]^12@13");
	V("Auth-Status:    \r\n", "F[Auth-Status]=[]^16@18");
	V("A:\t\r\n", "F[A]=[]^3@5");
	V("A: \t \n", "F[A]=[]^5@6");
}

PT_TEST(hdr_bad_bytes)
{
	V("Auth-Pass: p\0w\r\n", "!@16");
	V("Auth-Pass: pw\0\r\n", "!@16");
	V("Auth-Pass: a\rb\r\n", "!@16");
	V("Auth-Pass: ab\r\r\n", "!@16");
	V("Auth-Pass: ab\rX", " more(15)");
	/* obs-fold (RFC 7230 §3.2.4): nginx refuses a line starting with a blank. */
	V("Auth-Status: OK\r\n  continued\r\n", "F[Auth-Status]=[OK]@17 !@13");
	V("A: b\r\n\tc\r\n", "F[A]=[b]@6 !@4");
}

PT_TEST(hdr_end)
{
	V("\r\n", "E@2");
	V("\n", "E@1");
	V("\r\r\n", "!@3");
	V("\rX\n", "!@3");
	V("\r", " more(1)");
	V("A: b\r\n\r\nC: d\r\n", "F[A]=[b]@6 E@2 F[C]=[d]@6");
	V("", "");
}

PT_TEST(hdr_name_bound)
{
	static char in[PT_AUTHHDR_NAME_MAX + 16];
	static char want[PT_AUTHHDR_NAME_MAX + 32];
	size_t n = 0;

	for (int i = 0; i < PT_AUTHHDR_NAME_MAX; i++)
		in[n++] = (char)(i % 3 == 2 ? '-' : 'A' + i % 26);
	memcpy(in + n, ": v\r\n", 5);
	n += 5;
	memcpy(want, "F[", 2);
	memcpy(want + 2, in, PT_AUTHHDR_NAME_MAX);
	snprintf(want + 2 + PT_AUTHHDR_NAME_MAX, sizeof(want) - 2 - PT_AUTHHDR_NAME_MAX,
	         "]=[v]@%zu", n);
	vec(in, n, want);

	/* One more name byte: INVALID, read to the LF. */
	n = 0;
	for (int i = 0; i <= PT_AUTHHDR_NAME_MAX; i++)
		in[n++] = 'x';
	memcpy(in + n, ": v\r\n", 5);
	n += 5;
	snprintf(want, sizeof(want), "!@%zu", n);
	vec(in, n, want);
}

PT_TEST(hdr_first_flag)
{
	/* Without "first", a status line is just a bad header. */
	static const uint8_t line[] = "HTTP/1.0 200 OK\r\n";
	struct pt_authhdr_parser P;

	pt_authhdr_init(&P, 0);
	PT_CHECK_EQ(pt_authhdr_parse(&P, line, sizeof(line) - 1), PT_PARSE_INVALID);
	PT_CHECK_EQ(P.off, 17);
	pt_authhdr_init(&P, 1);
	PT_CHECK_EQ(pt_authhdr_parse(&P, line, 5), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_authhdr_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.kind, PT_AUTHHDR_STATUS);
	/* Sticky: a second call returns the same without reading. */
	PT_CHECK_EQ(pt_authhdr_parse(&P, line, sizeof(line) - 1), PT_PARSE_DONE);
	PT_CHECK_EQ(P.off, 17);
	/* A buffer shorter than what was read is refused, not read. */
	pt_authhdr_init(&P, 1);
	PT_CHECK_EQ(pt_authhdr_parse(&P, line, 8), PT_PARSE_MORE);
	PT_CHECK_EQ(pt_authhdr_parse(&P, line, 4), PT_PARSE_INVALID);
}

PT_TEST_MAIN(PT_TEST_ENTRY(hdr_replies), PT_TEST_ENTRY(hdr_status), PT_TEST_ENTRY(hdr_names),
             PT_TEST_ENTRY(hdr_values), PT_TEST_ENTRY(hdr_empty_values),
             PT_TEST_ENTRY(hdr_bad_bytes), PT_TEST_ENTRY(hdr_end),
             PT_TEST_ENTRY(hdr_name_bound), PT_TEST_ENTRY(hdr_first_flag))
