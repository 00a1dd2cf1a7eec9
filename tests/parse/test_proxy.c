/*
 * Parse vectors for grammar/proxy.rl and src/proto/proxy.c (the PROXY
 * protocol, HAProxy's proxy-protocol.txt v1 and v2), each fed whole, at
 * every split point and byte by byte, with identical results required;
 * then the writers (exact bytes, round trips) and the text form of an
 * address, both checked against inet_pton(3) and inet_ntop(3).
 *
 * Dump: "STATUS off=N v=V" and, after DONE, "fam=4|6|0" and for a known
 * family "src=ADDR:PORT dst=ADDR:PORT" (addresses by inet_ntop, not by the
 * code under test).  Every call gets a heap copy of exactly the bytes
 * offered, so ASan sees any read past len.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "pt_test.h"
#include "proto/proxy.h"

static void dump(char *out, size_t cap, enum pt_parse_status st, const struct pt_proxy_parser *p)
{
	static const char *names[] = { "MORE", "DONE", "INVALID", "LITERAL" };
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
	int n;

	n = snprintf(out, cap, "%s off=%zu v=%d", names[st], p->off, p->version);
	if (st != PT_PARSE_DONE || n < 0 || (size_t)n >= cap)
		return;
	switch (p->addr.family) {
	case PT_PROXY_AF_INET4:
	case PT_PROXY_AF_INET6: {
		int af = p->addr.family == PT_PROXY_AF_INET4 ? AF_INET : AF_INET6;
		inet_ntop(af, p->addr.src, s, sizeof(s));
		inet_ntop(af, p->addr.dst, d, sizeof(d));
		snprintf(out + n, cap - (size_t)n, " fam=%c src=%s:%u dst=%s:%u",
		         af == AF_INET ? '4' : '6', s, p->addr.src_port, d, p->addr.dst_port);
		break;
	}
	default:
		snprintf(out + n, cap - (size_t)n, " fam=%d", (int)p->addr.family);
		break;
	}
}

/* One call on a heap copy of exactly in[0..len), with the invariants. */
static enum pt_parse_status call(struct pt_proxy_parser *p, const uint8_t *in, size_t len)
{
	uint8_t *buf = malloc(len ? len : 1);
	size_t before = p->off;
	enum pt_parse_status st;

	memcpy(buf, in, len);
	st = pt_proxy_parse(p, buf, len);
	free(buf);
	PT_CHECK(p->off >= before && p->off <= len);
	if (st == PT_PARSE_MORE)
		PT_CHECK(p->off == len);
	return st;
}

/* Feed in[0..cut) then all of it, or byte by byte; dump the result. */
static void run(const uint8_t *in, size_t n, size_t cut, int bytewise, char *out, size_t cap)
{
	struct pt_proxy_parser p;
	enum pt_parse_status st = PT_PARSE_MORE;

	pt_proxy_init(&p);
	if (bytewise) {
		for (size_t k = 0; k <= n && st == PT_PARSE_MORE; k++)
			st = call(&p, in, k);
	} else {
		st = call(&p, in, cut);
		if (st == PT_PARSE_MORE)
			st = call(&p, in, n);
	}
	/* Sticky: once settled, another call changes nothing. */
	if (st != PT_PARSE_MORE) {
		size_t off = p.off;
		PT_CHECK(pt_proxy_parse(&p, in, n) == st && p.off == off);
	}
	dump(out, cap, st, &p);
}

static void vec(const void *in_, size_t n, const char *want)
{
	const uint8_t *in = in_;
	char whole[256], part[256];

	run(in, n, n, 0, whole, sizeof(whole));
	if (!PT_CHECK_STR(whole, want))
		printf("    input \"%.*s\"\n", (int)(n > 120 ? 120 : n), (const char *)in);
	for (size_t cut = 0; cut <= n; cut++) {
		run(in, n, cut, 0, part, sizeof(part));
		if (!PT_CHECK_STR(part, whole)) {
			printf("    split at %zu of %zu bytes\n", cut, n);
			break;
		}
	}
	run(in, n, 0, 1, part, sizeof(part));
	PT_CHECK_STR(part, whole);
}

#define V(in, want) vec((in), sizeof(in) - 1, (want))

/* A v2 header: signature, ver_cmd, fam, len, then n bytes of body. */
static size_t v2(uint8_t *out, uint8_t ver_cmd, uint8_t fam, unsigned len, const void *body,
                 size_t n)
{
	static const uint8_t sig[12] = "\r\n\r\n\0\r\nQUIT\n";

	memcpy(out, sig, 12);
	out[12] = ver_cmd;
	out[13] = fam;
	out[14] = (uint8_t)(len >> 8);
	out[15] = (uint8_t)len;
	memcpy(out + 16, body, n);
	return 16 + n;
}

/* ---- v1 --------------------------------------------------------------- */

PT_TEST(proxy_v1_valid)
{
	/* §2.1's example, with the HTTP request after it left alone. */
	V("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET / HTTP/1.1\r\n",
	  "DONE off=47 v=1 fam=4 src=192.168.0.1:56324 dst=192.168.0.11:443");
	V("PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n",
	  "DONE off=56 v=1 fam=4 src=255.255.255.255:65535 dst=255.255.255.255:65535");
	V("PROXY TCP4 0.0.0.0 10.0.0.1 0 0\r\nA001 CAPABILITY\r\n",
	  "DONE off=33 v=1 fam=4 src=0.0.0.0:0 dst=10.0.0.1:0");
	V("PROXY TCP6 2001:db8::1 2001:db8::2 1 110\r\n+OK",
	  "DONE off=42 v=1 fam=6 src=2001:db8::1:1 dst=2001:db8::2:110");
	V("PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
	  "65535 65535\r\n",
	  "DONE off=104 v=1 fam=6 src=ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:65535 "
	  "dst=ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:65535");
	V("PROXY TCP6 :: ::1 25 587\r\n", "DONE off=26 v=1 fam=6 src=:::25 dst=::1:587");
	V("PROXY TCP6 ::FFFF:192.0.2.1 1:2:3:4:5:6:7:8 4242 993\r\n",
	  "DONE off=54 v=1 fam=6 src=::ffff:192.0.2.1:4242 dst=1:2:3:4:5:6:7:8:993");
	V("PROXY TCP6 1:2:3:4:5:6:7:: 0:0:0:0:0:0:1.2.3.4 1 2\r\n",
	  "DONE off=52 v=1 fam=6 src=1:2:3:4:5:6:7:0:1 dst=::1.2.3.4:2");
	V("PROXY TCP6 fe80::1:0:0:2 a:b:c:d:e:f:1.2.3.4 1 2\r\n",
	  "DONE off=50 v=1 fam=6 src=fe80::1:0:0:2:1 dst=a:b:c:d:e:f:102:304:2");
	V("PROXY UNKNOWN\r\n", "DONE off=15 v=1 fam=0");
	V("PROXY UNKNOWN\r\nEHLO x\r\n", "DONE off=15 v=1 fam=0");
	/* §2.1: "the receiver must ignore anything presented before the CRLF". */
	V("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n", "DONE off=59 v=1 fam=0");
	V("PROXY UNKNOWN \x01\x7f\xff\0 x\r\n", "DONE off=22 v=1 fam=0");
	V("PROXY UNKNOWNX\r\n", "DONE off=16 v=1 fam=0");
}

/* A line of exactly n bytes: "PROXY UNKNOWN" padded with 'x', then CRLF. */
static void unknown_line(uint8_t *out, size_t n)
{
	memcpy(out, "PROXY UNKNOWN", 13);
	memset(out + 13, 'x', n - 15);
	out[n - 2] = '\r';
	out[n - 1] = '\n';
}

PT_TEST(proxy_v1_length)
{
	uint8_t buf[200];

	/* §2.1: up to 107 bytes with the CRLF; "If the CRLF sequence is not
	 * found in the first 107 characters, the receiver should declare the
	 * line invalid" - as soon as the 107th byte is not the LF. */
	unknown_line(buf, 107);
	memcpy(buf + 107, "abc", 3);
	vec(buf, 110, "DONE off=107 v=1 fam=0");
	unknown_line(buf, 108);
	vec(buf, 108, "INVALID off=107 v=1");
	vec(buf, 106, "MORE off=106 v=1");
	vec(buf, 107, "INVALID off=107 v=1");
	memset(buf + 13, 'x', sizeof(buf) - 13);
	vec(buf, sizeof(buf), "INVALID off=107 v=1");
	/* A TCP6 line longer than 107 bytes is invalid even if it is well
	 * formed: two IPv6 addresses with dotted tails are 45 bytes each. */
	V("PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255 "
	  "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255 65535 65535\r\n",
	  "INVALID off=107 v=1");
}

PT_TEST(proxy_v1_invalid)
{
	V("proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=1 v=0");
	V("PROXy TCP4 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=5 v=1");
	V("GET / HTTP/1.0\r\n", "INVALID off=1 v=0");
	V("\0PROXY", "INVALID off=1 v=0");
	V(" PROXY UNKNOWN\r\n", "INVALID off=1 v=0");
	/* Exactly one space between fields. */
	V("PROXY  TCP4 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=7 v=1");
	V("PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=12 v=1");
	V("PROXY TCP4 1.2.3.4  5.6.7.8 1 2\r\n", "INVALID off=20 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8  1 2\r\n", "INVALID off=28 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1  2\r\n", "INVALID off=30 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n", "INVALID off=31 v=1");
	V("PROXY\tTCP4 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=6 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n", "INVALID off=29 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8\r\n", "INVALID off=27 v=1");
	V("PROXY TCP4\r\n", "INVALID off=11 v=1");
	V("PROXY\r\n", "INVALID off=6 v=1");
	V("PROXY tcp4 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=7 v=1");
	V("PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=10 v=1");
	V("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=8 v=1");
	V("PROXY unknown\r\n", "INVALID off=7 v=1");
	/* CRLF only: §2.1 "must not tolerate a single CR or LF". */
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n", "INVALID off=31 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rX", "INVALID off=32 v=1");
	V("PROXY UNKNOWN\n", "INVALID off=14 v=1");
	V("PROXY UNKNOWN a\rb\r\n", "INVALID off=17 v=1");
	V("PROXY UNKNOWN\r\r\n", "INVALID off=15 v=1");
	/* NUL in an address line. */
	V("PROXY TCP4 1.2.3.4\0 5.6.7.8 1 2\r\n", "INVALID off=19 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\0\r\n", "INVALID off=31 v=1");
	/* The family named decides the address form. */
	V("PROXY TCP4 ::1 ::1 1 2\r\n", "INVALID off=12 v=1");
	V("PROXY TCP4 1.2.3.4 ::ffff:1.2.3.4 1 2\r\n", "INVALID off=20 v=1");
	V("PROXY TCP6 1.2.3.4 5.6.7.8 1 2\r\n", "INVALID off=13 v=1");
	V("PROXY TCP6 ::1 5.6.7.8 1 2\r\n", "INVALID off=17 v=1");
	/* IPv4: §2.1 "exactly 4 integers in the range [0..255] ... Heading
	 * zeroes are not permitted". */
	V("PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n", "INVALID off=20 v=1");
	V("PROXY TCP4 1.2.3.04 5.6.7.8 1 2\r\n", "INVALID off=19 v=1");
	V("PROXY TCP4 1.2.3 5.6.7.8 1 2\r\n", "INVALID off=17 v=1");
	V("PROXY TCP4 1.2.3.4.5 5.6.7.8 1 2\r\n", "INVALID off=19 v=1");
	V("PROXY TCP4 1..3.4 5.6.7.8 1 2\r\n", "INVALID off=14 v=1");
	V("PROXY TCP4 1.2.3.1234 5.6.7.8 1 2\r\n", "INVALID off=21 v=1");
	V("PROXY TCP4 localhost 5.6.7.8 1 2\r\n", "INVALID off=12 v=1");
	/* IPv6: 128 bits exactly, one "::", at most 4 digits a group. */
	V("PROXY TCP6 1:2:3:4:5:6:7 ::1 1 2\r\n", "INVALID off=25 v=1");
	V("PROXY TCP6 1:2:3:4:5:6:7:8:9 ::1 1 2\r\n", "INVALID off=27 v=1");
	V("PROXY TCP6 1:2:3:4:5:6:7:8:: ::1 1 2\r\n", "INVALID off=27 v=1");
	V("PROXY TCP6 1::2::3 ::1 1 2\r\n", "INVALID off=17 v=1");
	V("PROXY TCP6 12345::1 ::1 1 2\r\n", "INVALID off=16 v=1");
	V("PROXY TCP6 :1 ::1 1 2\r\n", "INVALID off=13 v=1");
	V("PROXY TCP6 1: ::1 1 2\r\n", "INVALID off=14 v=1");
	V("PROXY TCP6 ::1:2:3:4:5:6:7:8 ::1 1 2\r\n", "INVALID off=27 v=1");
	V("PROXY TCP6 ::ffff:1.2.3.04 ::1 1 2\r\n", "INVALID off=26 v=1");
	V("PROXY TCP6 1:2:3:4:5:6:7:1.2.3.4 ::1 1 2\r\n", "INVALID off=27 v=1");
	V("PROXY TCP6 [::1] ::1 1 2\r\n", "INVALID off=12 v=1");
	V("PROXY TCP6 fe80::1%eth0 ::1 1 2\r\n", "INVALID off=19 v=1");
	/* Ports: [0..65535], no leading zero. */
	V("PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n", "INVALID off=32 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1 65536\r\n", "INVALID off=34 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 70000 2\r\n", "INVALID off=32 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 123456 2\r\n", "INVALID off=33 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 080 2\r\n", "INVALID off=29 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 00 2\r\n", "INVALID off=29 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n", "INVALID off=28 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 +1 2\r\n", "INVALID off=28 v=1");
}

PT_TEST(proxy_v1_more)
{
	V("", "MORE off=0 v=0");
	V("P", "MORE off=1 v=1");
	V("PROXY", "MORE off=5 v=1");
	V("PROXY TCP4 1.2.3.4", "MORE off=18 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1 2", "MORE off=30 v=1");
	V("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r", "MORE off=31 v=1");
	V("PROXY TCP6 ::", "MORE off=13 v=1");
	V("PROXY UNKNOWN whatever", "MORE off=22 v=1");
}

/* Every IPv4 and IPv6 text is DONE as an address exactly when inet_pton
 * takes it, and gives the same bytes; as source and as destination. */
static void addr_vs_pton(const char *fam, int af, const char *text)
{
	const char *other = af == AF_INET ? "1.2.3.4" : "::1";
	uint8_t want[16];
	int ok = inet_pton(af, text, want) == 1;
	size_t alen = af == AF_INET ? 4 : 16;

	for (int as_dst = 0; as_dst < 2; as_dst++) {
		char line[256];
		struct pt_proxy_parser p;
		enum pt_parse_status st;
		int n = snprintf(line, sizeof(line), "PROXY %s %s %s 1 2\r\n", fam,
		                 as_dst ? other : text, as_dst ? text : other);

		pt_proxy_init(&p);
		st = pt_proxy_parse(&p, (const uint8_t *)line, (size_t)n);
		if (!PT_CHECK_EQ(st == PT_PARSE_DONE, ok)) {
			printf("    address \"%s\" (%s)\n", text, fam);
			return;
		}
		if (st == PT_PARSE_DONE &&
		    !PT_CHECK(memcmp(as_dst ? p.addr.dst : p.addr.src, want, alen) == 0))
			printf("    address \"%s\"\n", text);
	}
}

PT_TEST(proxy_v1_addresses)
{
	static const char *v4[] = {
		"0.0.0.0", "1.2.3.4", "9.99.199.249", "250.251.255.100", "255.255.255.255", "10.0.0.1",
		"256.1.1.1", "1.1.1.300", "01.1.1.1", "1.1.1.00", "1.1.1", "1.1.1.1.", ".1.1.1.1",
		"1.1..1", "1", "1.2.3.4a", "260.0.0.0", "199.299.1.1",
	};
	static const char *v6[] = {
		"::", "::1", "1::", "1::2", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
		"1::8", "1:2::7:8", "0:0:0:0:0:0:0:0", "ABCD:ef01:2345:6789:aBcD:EF01:2345:6789",
		"::ffff:1.2.3.4", "::1.2.3.4", "1::1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
		"1:2:3:4:5::1.2.3.4", "::2:3:4:5:6:1.2.3.4", "fe80::", "0::0", "000:0000::00", "::0.0.0.0",
		"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", ":1::", "1:::2", "12345::",
		"::g", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.4.5", "::256.1.1.1", "::01.1.1.1",
		"1.2.3.4", "::1.2.3.4:1", ":", "1:", ":1", "::ffff:1.2.3.4.", "1:2:3:4:5:6:7:8::",
		"::1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:", "a::b:c:d:e:f:0", "a:b:c:d:e:f:0::",
	};

	for (size_t i = 0; i < sizeof(v4) / sizeof(v4[0]); i++) {
		addr_vs_pton("TCP4", AF_INET, v4[i]);
		addr_vs_pton("TCP6", AF_INET6, v4[i]);
	}
	for (size_t i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		addr_vs_pton("TCP6", AF_INET6, v6[i]);
		addr_vs_pton("TCP4", AF_INET, v6[i]);
	}
}

/* ---- v2 --------------------------------------------------------------- */

PT_TEST(proxy_v2_valid)
{
	uint8_t buf[PT_PROXY_MAX + 64], body[PT_PROXY_MAX];
	size_t n;

	/* PROXY TCP over IPv4 (the bytes HAProxy sends, from a capture). */
	memcpy(body, "\xac\x13\x00\x01\xac\x13\x00\x03\xa6\x52\x00\x50GET ", 16);
	n = v2(buf, 0x21, 0x11, 12, body, 16);
	vec(buf, n, "DONE off=28 v=2 fam=4 src=172.19.0.1:42578 dst=172.19.0.3:80");
	/* TCP over IPv6 */
	memcpy(body, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01"
	             "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x02\x01\xbb\x00\x8f", 36);
	n = v2(buf, 0x21, 0x21, 36, body, 36);
	vec(buf, n, "DONE off=52 v=2 fam=6 src=2001:db8::1:443 dst=2001:db8::2:143");
	/* TLVs after the block are skipped, not read (§2.2.1 PP2_TYPE_ALPN,
	 * then one of a type nobody knows), the client's bytes after them left. */
	memcpy(body, "\xc0\x00\x02\x01\xc0\x00\x02\x02\x04\xd2\x00\x19"
	             "\x01\x00\x02h2" "\xee\x00\x03\0\0\0" "EHLO", 12 + 5 + 6 + 4);
	n = v2(buf, 0x21, 0x11, 12 + 5 + 6, body, 12 + 5 + 6 + 4);
	vec(buf, n, "DONE off=39 v=2 fam=4 src=192.0.2.1:1234 dst=192.0.2.2:25");
	/* The TLV length is not checked against the header length: not read. */
	memcpy(body + 12, "\x01\xff\xff", 3);
	n = v2(buf, 0x21, 0x11, 15, body, 15);
	vec(buf, n, "DONE off=31 v=2 fam=4 src=192.0.2.1:1234 dst=192.0.2.2:25");
	memcpy(body, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01"
	             "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x02\x01\xbb\x00\x8f" "\x04\x00\x01\x00", 40);
	n = v2(buf, 0x21, 0x21, 40, body, 40);
	vec(buf, n, "DONE off=56 v=2 fam=6 src=2001:db8::1:443 dst=2001:db8::2:143");
	/* LOCAL: UNKNOWN, whatever follows; "must not assume zero is presented
	 * for LOCAL connections"; the family "is ignored". */
	n = v2(buf, 0x20, 0x00, 0, "A1 LOGIN", 8);
	vec(buf, n, "DONE off=16 v=2 fam=0");
	memcpy(body, "\x01\x02\x03\x04\x05\x06\x07\x08\x00\x01\x00\x02", 12);
	n = v2(buf, 0x20, 0x11, 12, body, 12);
	vec(buf, n, "DONE off=28 v=2 fam=0");
	n = v2(buf, 0x20, 0x11, 0, "", 0);
	vec(buf, n, "DONE off=16 v=2 fam=0");
	n = v2(buf, 0x20, 0xff, 3, "abc", 3);
	vec(buf, n, "DONE off=19 v=2 fam=0");
	/* PROXY with families we do not use: UNKNOWN, the block skipped. */
	n = v2(buf, 0x21, 0x00, 0, "", 0);
	vec(buf, n, "DONE off=16 v=2 fam=0");
	n = v2(buf, 0x21, 0x00, 5, "hello", 5);
	vec(buf, n, "DONE off=21 v=2 fam=0");
	memcpy(body, "\x01\x02\x03\x04\x05\x06\x07\x08\x00\x35\x00\x35", 12);
	n = v2(buf, 0x21, 0x12, 12, body, 12);
	vec(buf, n, "DONE off=28 v=2 fam=0");
	memset(body, 0, 36);
	n = v2(buf, 0x21, 0x22, 36, body, 36);
	vec(buf, n, "DONE off=52 v=2 fam=0");
	memset(body, 0, 216);
	memcpy(body, "/run/a.sock", 11);
	memcpy(body + 108, "/run/b.sock", 11);
	n = v2(buf, 0x21, 0x31, 216, body, 216);
	vec(buf, n, "DONE off=232 v=2 fam=0");
	n = v2(buf, 0x21, 0x32, 220, body, 220);
	vec(buf, n, "DONE off=236 v=2 fam=0");
	/* The largest header: 16 + 4080 bytes. */
	memset(body, 'T', sizeof(body));
	memcpy(body, "\xc0\x00\x02\x01\xc0\x00\x02\x02\x04\xd2\x00\x19", 12);
	n = v2(buf, 0x21, 0x11, PT_PROXY_MAX - 16, body, PT_PROXY_MAX - 16 + 3);
	vec(buf, n, "DONE off=4096 v=2 fam=4 src=192.0.2.1:1234 dst=192.0.2.2:25");
}

PT_TEST(proxy_v2_invalid)
{
	uint8_t buf[PT_PROXY_MAX + 64], body[64];
	size_t n;

	memset(body, 0, sizeof(body));
	/* Signature: any byte off is the end. */
	V("\r\n\r\n\0\r\nQUIX\n!\x11\0\x0c", "INVALID off=11 v=2");
	V("\r\n\r\n\1\r\nQUIT\n!\x11\0\x0c", "INVALID off=5 v=2");
	V("\r\r", "INVALID off=2 v=2");
	V("\r\n\r\n\0\r\nquit\n!\x11\0\x0c", "INVALID off=8 v=2");
	/* Version: "the receiver must only accept" 2. */
	n = v2(buf, 0x11, 0x11, 12, body, 12);
	vec(buf, n, "INVALID off=13 v=2");
	n = v2(buf, 0x31, 0x11, 12, body, 12);
	vec(buf, n, "INVALID off=13 v=2");
	n = v2(buf, 0x01, 0x11, 12, body, 12);
	vec(buf, n, "INVALID off=13 v=2");
	/* Commands other than LOCAL and PROXY. */
	n = v2(buf, 0x22, 0x11, 12, body, 12);
	vec(buf, n, "INVALID off=13 v=2");
	n = v2(buf, 0x2f, 0x11, 12, body, 12);
	vec(buf, n, "INVALID off=13 v=2");
	/* Family bytes not in §2.2's list. */
	n = v2(buf, 0x21, 0x10, 12, body, 12);
	vec(buf, n, "INVALID off=14 v=2");
	n = v2(buf, 0x21, 0x13, 12, body, 12);
	vec(buf, n, "INVALID off=14 v=2");
	n = v2(buf, 0x21, 0x01, 12, body, 12);
	vec(buf, n, "INVALID off=14 v=2");
	n = v2(buf, 0x21, 0x41, 12, body, 12);
	vec(buf, n, "INVALID off=14 v=2");
	n = v2(buf, 0x21, 0x33, 12, body, 12);
	vec(buf, n, "INVALID off=14 v=2");
	/* A length too short for the family: INVALID once the length is in,
	 * without waiting for the block. */
	n = v2(buf, 0x21, 0x11, 11, body, 11);
	vec(buf, n, "INVALID off=16 v=2");
	vec(buf, 16, "INVALID off=16 v=2");
	n = v2(buf, 0x21, 0x21, 35, body, 35);
	vec(buf, n, "INVALID off=16 v=2");
	n = v2(buf, 0x21, 0x21, 12, body, 12);
	vec(buf, n, "INVALID off=16 v=2");
	n = v2(buf, 0x21, 0x12, 0, body, 0);
	vec(buf, n, "INVALID off=16 v=2");
	n = v2(buf, 0x21, 0x22, 12, body, 12);
	vec(buf, n, "INVALID off=16 v=2");
	n = v2(buf, 0x21, 0x31, 215, body, 0);
	vec(buf, n, "INVALID off=16 v=2");
	/* More than PT_PROXY_MAX in all, LOCAL included. */
	n = v2(buf, 0x21, 0x11, PT_PROXY_MAX - 15, body, 12);
	vec(buf, n, "INVALID off=16 v=2");
	n = v2(buf, 0x20, 0x00, 0xffff, body, 0);
	vec(buf, n, "INVALID off=16 v=2");
}

PT_TEST(proxy_v2_more)
{
	uint8_t buf[256], body[64];
	size_t n;

	memset(body, 7, sizeof(body));
	V("\r", "MORE off=1 v=2");
	V("\r\n\r\n\0", "MORE off=5 v=2");
	V("\r\n\r\n\0\r\nQUIT\n", "MORE off=12 v=2");
	V("\r\n\r\n\0\r\nQUIT\n!", "MORE off=13 v=2");
	V("\r\n\r\n\0\r\nQUIT\n!\x11\0", "MORE off=15 v=2");
	n = v2(buf, 0x21, 0x11, 12, body, 11);
	vec(buf, n, "MORE off=27 v=2");
	n = v2(buf, 0x21, 0x11, 12, body, 0);
	vec(buf, n, "MORE off=16 v=2");
	n = v2(buf, 0x20, 0x00, 40, body, 39);
	vec(buf, n, "MORE off=55 v=2");
}

/* ---- writers ---------------------------------------------------------- */

static struct pt_proxy_addr mk4(const char *s, const char *d, uint16_t sp, uint16_t dp)
{
	struct pt_proxy_addr a;

	memset(&a, 0, sizeof(a));
	a.family = PT_PROXY_AF_INET4;
	inet_pton(AF_INET, s, a.src);
	inet_pton(AF_INET, d, a.dst);
	a.src_port = sp;
	a.dst_port = dp;
	return a;
}

static struct pt_proxy_addr mk6(const char *s, const char *d, uint16_t sp, uint16_t dp)
{
	struct pt_proxy_addr a;

	memset(&a, 0, sizeof(a));
	a.family = PT_PROXY_AF_INET6;
	inet_pton(AF_INET6, s, a.src);
	inet_pton(AF_INET6, d, a.dst);
	a.src_port = sp;
	a.dst_port = dp;
	return a;
}

/* The writer gives want exactly, and nothing (0) with any smaller cap. */
static void write_exact(size_t (*w)(const struct pt_proxy_addr *, uint8_t *, size_t),
                        const struct pt_proxy_addr *a, const void *want, size_t wlen)
{
	uint8_t out[256];
	size_t n = w(a, out, sizeof(out));

	PT_CHECK_MEM(out, n, want, wlen);
	for (size_t cap = 0; cap < wlen; cap++) {
		uint8_t *small = malloc(cap ? cap : 1);
		if (!PT_CHECK_EQ(w(a, cap ? small : NULL, cap), 0))
			printf("    cap %zu\n", cap);
		free(small);
	}
	PT_CHECK_EQ(w(a, out, wlen), wlen);
}

#define WX(w, a, lit) write_exact((w), (a), (lit), sizeof(lit) - 1)

PT_TEST(proxy_write_bytes)
{
	struct pt_proxy_addr a;

	a = mk4("192.0.2.1", "198.51.100.2", 56324, 143);
	WX(pt_proxy_v1_write, &a, "PROXY TCP4 192.0.2.1 198.51.100.2 56324 143\r\n");
	WX(pt_proxy_v2_write, &a, "\r\n\r\n\0\r\nQUIT\n\x21\x11\x00\x0c"
	                          "\xc0\x00\x02\x01\xc6\x33\x64\x02\xdc\x04\x00\x8f");
	a = mk4("0.0.0.0", "255.255.255.255", 0, 65535);
	WX(pt_proxy_v1_write, &a, "PROXY TCP4 0.0.0.0 255.255.255.255 0 65535\r\n");
	a = mk6("2001:db8::1", "2001:DB8:0:0:1:0:0:1", 1, 65535);
	WX(pt_proxy_v1_write, &a, "PROXY TCP6 2001:db8::1 2001:db8::1:0:0:1 1 65535\r\n");
	WX(pt_proxy_v2_write, &a, "\r\n\r\n\0\r\nQUIT\n\x21\x21\x00\x24"
	                          "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01"
	                          "\x20\x01\x0d\xb8\0\0\0\0\0\x01\0\0\0\0\0\x01\x00\x01\xff\xff");
	/* v1 IPv6 in hex groups only (§2.1), a mapped address too. */
	a = mk6("::ffff:192.0.2.1", "::", 25, 25);
	WX(pt_proxy_v1_write, &a, "PROXY TCP6 ::ffff:c000:201 :: 25 25\r\n");
	a = mk6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:0:0:2:0:0:0:3", 65535, 65535);
	WX(pt_proxy_v1_write, &a, "PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 1:0:0:2::3 "
	                          "65535 65535\r\n");
	/* UNKNOWN: v1 short form, v2 LOCAL with AF_UNSPEC and no block. */
	memset(&a, 0, sizeof(a));
	a.family = PT_PROXY_AF_UNKNOWN;
	WX(pt_proxy_v1_write, &a, "PROXY UNKNOWN\r\n");
	WX(pt_proxy_v2_write, &a, "\r\n\r\n\0\r\nQUIT\n\x20\x00\x00\x00");
	/* Not a family of the enum: nothing. */
	a.family = (enum pt_proxy_family)7;
	PT_CHECK_EQ(pt_proxy_v1_write(&a, (uint8_t[128]){ 0 }, 128), 0);
	PT_CHECK_EQ(pt_proxy_v2_write(&a, (uint8_t[128]){ 0 }, 128), 0);
}

static uint32_t xs(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A random address whose groups are mostly zero, so every "::" case comes up. */
static void rand_ip(uint32_t *seed, uint8_t *ip, size_t n)
{
	for (size_t i = 0; i < n; i += 2) {
		uint32_t r = xs(seed);
		uint16_t g = r % 3 == 0 ? 0 : r % 7 == 0 ? 0xffff : (uint16_t)(r >> 8);
		if (r % 11 == 0)
			g = (uint16_t)(r >> 20 & 0xf);
		ip[i] = (uint8_t)(g >> 8);
		ip[i + 1] = (uint8_t)g;
	}
}

static int same_addr(const struct pt_proxy_addr *a, const struct pt_proxy_addr *b)
{
	size_t alen = a->family == PT_PROXY_AF_INET4 ? 4 : a->family == PT_PROXY_AF_INET6 ? 16 : 0;

	return a->family == b->family && memcmp(a->src, b->src, alen) == 0 &&
	       memcmp(a->dst, b->dst, alen) == 0 &&
	       (alen == 0 || (a->src_port == b->src_port && a->dst_port == b->dst_port));
}

/* Write, parse back (with a byte of client data after it), same address. */
static int round_trip(size_t (*w)(const struct pt_proxy_addr *, uint8_t *, size_t),
                      const struct pt_proxy_addr *a, int version)
{
	uint8_t out[256];
	size_t n = w(a, out, sizeof(out) - 1);
	struct pt_proxy_parser p;

	if (n == 0 || (version == 1 && n > PT_PROXY_V1_MAX))
		return 0;
	out[n] = 'x';
	pt_proxy_init(&p);
	return pt_proxy_parse(&p, out, n + 1) == PT_PARSE_DONE && p.off == n &&
	       p.version == version && same_addr(a, &p.addr);
}

PT_TEST(proxy_write_round_trip)
{
	uint32_t seed = 0x2545f491;
	struct pt_proxy_addr a;

	memset(&a, 0, sizeof(a));
	PT_CHECK(round_trip(pt_proxy_v1_write, &a, 1));
	PT_CHECK(round_trip(pt_proxy_v2_write, &a, 2));
	for (int i = 0; i < 20000; i++) {
		memset(&a, 0, sizeof(a));
		a.family = i & 1 ? PT_PROXY_AF_INET6 : PT_PROXY_AF_INET4;
		rand_ip(&seed, a.src, a.family == PT_PROXY_AF_INET6 ? 16 : 4);
		rand_ip(&seed, a.dst, a.family == PT_PROXY_AF_INET6 ? 16 : 4);
		a.src_port = (uint16_t)xs(&seed);
		a.dst_port = i % 5 == 0 ? 0 : (uint16_t)xs(&seed);
		if (!PT_CHECK(round_trip(pt_proxy_v1_write, &a, 1)) ||
		    !PT_CHECK(round_trip(pt_proxy_v2_write, &a, 2)))
			break;
	}
}

/* ---- text ------------------------------------------------------------- */

static void text_vs_ntop(const struct pt_proxy_addr *a, int which_src)
{
	char got[PT_PROXY_ADDR_TEXT_MAX], want[INET6_ADDRSTRLEN];
	int af = a->family == PT_PROXY_AF_INET4 ? AF_INET : AF_INET6;
	size_t n = pt_proxy_addr_text(a, which_src, got, sizeof(got));

	inet_ntop(af, which_src ? a->src : a->dst, want, sizeof(want));
	if (!PT_CHECK_STR(got, want) || !PT_CHECK_EQ(n, strlen(want)))
		return;
	/* Exact room: the text and its NUL; one byte less is 0. */
	PT_CHECK_EQ(pt_proxy_addr_text(a, which_src, got, n + 1), n);
	PT_CHECK_EQ(pt_proxy_addr_text(a, which_src, got, n), 0);
}

PT_TEST(proxy_addr_text)
{
	static const char *v6[] = {
		"::", "::1", "1::", "2001:db8::1", "::ffff:192.0.2.1", "::192.0.2.1", "::1:0:0:0",
		"1:0:0:2:0:0:0:3", "1:0:0:2:0:0:3:4", "0:1:0:1:0:1:0:1", "ffff::ffff:1.2.3.4",
		"::ffff:0:1.2.3.4", "::fffe:1.2.3.4", "::0.1.0.0", "::0.0.0.2", "::ffff:0.0.0.0",
		"fe80::1:0:0:2", "a:b:c:d:e:f:0:0", "0:0:1::",
	};
	struct pt_proxy_addr a;
	uint32_t seed = 0x1234567;
	char out[PT_PROXY_ADDR_TEXT_MAX];

	a = mk4("192.0.2.1", "0.0.0.0", 1, 2);
	text_vs_ntop(&a, 1);
	text_vs_ntop(&a, 0);
	PT_CHECK_EQ(pt_proxy_addr_text(&a, 1, out, sizeof(out)), 9);
	PT_CHECK_STR(out, "192.0.2.1");
	a = mk4("255.255.255.255", "10.20.30.40", 1, 2);
	text_vs_ntop(&a, 1);
	text_vs_ntop(&a, 0);
	for (size_t i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		a = mk6(v6[i], v6[sizeof(v6) / sizeof(v6[0]) - 1 - i], 1, 2);
		text_vs_ntop(&a, 1);
		text_vs_ntop(&a, 0);
	}
	a = mk6("2001:db8::1", "::1", 1, 2);
	PT_CHECK_EQ(pt_proxy_addr_text(&a, 1, out, sizeof(out)), 11);
	PT_CHECK_STR(out, "2001:db8::1");
	for (int i = 0; i < 20000; i++) {
		memset(&a, 0, sizeof(a));
		a.family = PT_PROXY_AF_INET6;
		rand_ip(&seed, a.src, 16);
		if (i % 4 == 0)
			memset(a.src, 0, 10);
		text_vs_ntop(&a, 1);
	}
	memset(&a, 0, sizeof(a));
	a.family = PT_PROXY_AF_UNKNOWN;
	PT_CHECK_EQ(pt_proxy_addr_text(&a, 1, out, sizeof(out)), 0);
	PT_CHECK_EQ(pt_proxy_addr_text(&a, 0, out, sizeof(out)), 0);
}

PT_TEST_MAIN(PT_TEST_ENTRY(proxy_v1_valid), PT_TEST_ENTRY(proxy_v1_length),
             PT_TEST_ENTRY(proxy_v1_invalid), PT_TEST_ENTRY(proxy_v1_more),
             PT_TEST_ENTRY(proxy_v1_addresses), PT_TEST_ENTRY(proxy_v2_valid),
             PT_TEST_ENTRY(proxy_v2_invalid), PT_TEST_ENTRY(proxy_v2_more),
             PT_TEST_ENTRY(proxy_write_bytes), PT_TEST_ENTRY(proxy_write_round_trip),
             PT_TEST_ENTRY(proxy_addr_text))
