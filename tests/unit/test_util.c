/*
 * test_util.c - unit tests for src/util: buf, base64, names, log.
 *
 * Notes:
 * - Buffers are pre-filled with '#' where a test must prove that a failed
 *   call wrote nothing (no partial write, dst untouched).
 * - Expected values are literals or come from an independent rule written
 *   in the test (snprintf for \xNN, bit packing for the base64 alphabet),
 *   never from the code under test.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "pt_test.h"
#include "util/base64.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/names.h"

/* The writer's contents compared with a string literal. */
#define CHECK_WBUF(w, lit) PT_CHECK_MEM((w).p, (w).len, (lit), sizeof(lit) - 1)

static int all_bytes_are(const uint8_t *p, size_t n, uint8_t c)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != c)
			return 0;
	}
	return 1;
}

/* ---- pt_rcur ---------------------------------------------------------- */

PT_TEST(test_rcur_reads_in_order)
{
	static const uint8_t data[] = { 0x01, 0x02, 0x03, 0x84, 0x05, 0x06, 0xf7, 'a', 'b', 'c', 0xff };
	struct pt_rcur c;
	uint8_t u8 = 0, bytes[3];
	uint16_t u16 = 0;
	uint32_t u32 = 0;

	pt_rcur_init(&c, data, sizeof(data));
	PT_CHECK_EQ(pt_rcur_left(&c), 11);
	PT_CHECK_EQ(pt_rcur_get_u8(&c, &u8), 0);
	PT_CHECK_EQ(u8, 0x01);
	PT_CHECK_EQ(pt_rcur_get_be16(&c, &u16), 0);
	PT_CHECK_EQ(u16, 0x0203);
	PT_CHECK_EQ(pt_rcur_get_be32(&c, &u32), 0);
	PT_CHECK_EQ(u32, 0x840506f7u); /* high bit set: no sign extension */
	PT_CHECK_EQ(pt_rcur_get_bytes(&c, bytes, 3), 0);
	PT_CHECK_MEM(bytes, 3, "abc", 3);
	PT_CHECK_EQ(pt_rcur_left(&c), 1);
	PT_CHECK_EQ(pt_rcur_skip(&c, 1), 0);
	PT_CHECK_EQ(pt_rcur_left(&c), 0);
	PT_CHECK(pt_rcur_take(&c, 0) == data + sizeof(data));
	PT_CHECK_EQ(pt_rcur_get_bytes(&c, bytes, 0), 0);
	PT_CHECK_EQ(c.err, 0);
	PT_CHECK_EQ(pt_rcur_get_u8(&c, &u8), -1);
	PT_CHECK_EQ(c.err, 1);
}

PT_TEST(test_rcur_short_read_is_sticky)
{
	static const uint8_t data[] = { 0xaa, 0xbb, 0xcc };
	struct pt_rcur c;
	uint8_t u8 = 7, dst[4] = { '#', '#', '#', '#' };
	uint16_t u16 = 7;
	uint32_t u32 = 7;

	pt_rcur_init(&c, data, sizeof(data));
	PT_CHECK_EQ(pt_rcur_get_be32(&c, &u32), -1);
	PT_CHECK_EQ(u32, 0);
	PT_CHECK_EQ(c.err, 1);
	PT_CHECK_EQ(c.off, 0); /* the failed read consumed nothing */
	PT_CHECK_EQ(pt_rcur_left(&c), 0);
	/* Each of these would succeed on a healthy cursor. */
	PT_CHECK_EQ(pt_rcur_get_u8(&c, &u8), -1);
	PT_CHECK_EQ(u8, 0);
	PT_CHECK_EQ(pt_rcur_get_be16(&c, &u16), -1);
	PT_CHECK_EQ(u16, 0);
	PT_CHECK(pt_rcur_take(&c, 1) == NULL);
	PT_CHECK(pt_rcur_take(&c, 0) == NULL);
	PT_CHECK_EQ(pt_rcur_skip(&c, 0), -1);
	PT_CHECK_EQ(pt_rcur_get_bytes(&c, dst, 1), -1);
	PT_CHECK(all_bytes_are(dst, 4, '#'));
	PT_CHECK_EQ(c.off, 0);
}

PT_TEST(test_rcur_each_getter_short)
{
	static const uint8_t one[] = { 0x11 };
	struct pt_rcur c;
	uint16_t u16 = 7;
	uint8_t u8 = 7, dst[2] = { '#', '#' };

	pt_rcur_init(&c, one, 1);
	PT_CHECK_EQ(pt_rcur_get_be16(&c, &u16), -1);
	PT_CHECK_EQ(u16, 0);
	PT_CHECK_EQ(c.err, 1);

	pt_rcur_init(&c, one, 1);
	PT_CHECK_EQ(pt_rcur_get_bytes(&c, dst, 2), -1);
	PT_CHECK(all_bytes_are(dst, 2, '#'));
	PT_CHECK_EQ(c.err, 1);

	pt_rcur_init(&c, one, 0);
	PT_CHECK_EQ(pt_rcur_get_u8(&c, &u8), -1);
	PT_CHECK_EQ(c.err, 1);

	pt_rcur_init(&c, one, 1);
	PT_CHECK(pt_rcur_take(&c, 2) == NULL);
	PT_CHECK_EQ(c.err, 1);

	pt_rcur_init(&c, one, 1);
	PT_CHECK_EQ(pt_rcur_skip(&c, 2), -1);
	PT_CHECK_EQ(c.err, 1);
}

PT_TEST(test_rcur_take_and_huge_skip)
{
	static const uint8_t data[] = "abcd";
	struct pt_rcur c;

	pt_rcur_init(&c, data, 4);
	PT_CHECK(pt_rcur_take(&c, 2) == data);
	PT_CHECK(pt_rcur_take(&c, 2) == data + 2);
	PT_CHECK_EQ(c.err, 0);

	/* off + SIZE_MAX wraps to off - 1: a bound written as a sum would
	 * accept it. */
	pt_rcur_init(&c, data, 4);
	PT_CHECK_EQ(pt_rcur_skip(&c, 1), 0);
	PT_CHECK_EQ(pt_rcur_skip(&c, SIZE_MAX), -1);
	PT_CHECK_EQ(c.off, 1);
	PT_CHECK_EQ(c.err, 1);
}

PT_TEST(test_rcur_null_empty)
{
	struct pt_rcur c;
	uint8_t u8;

	pt_rcur_init(&c, NULL, 0);
	PT_CHECK_EQ(pt_rcur_left(&c), 0);
	PT_CHECK(pt_rcur_take(&c, 0) != NULL); /* success, not the failure NULL */
	PT_CHECK_EQ(c.err, 0);
	PT_CHECK_EQ(pt_rcur_get_u8(&c, &u8), -1);

	/* A NULL base with a length is treated as empty, never read. */
	pt_rcur_init(&c, NULL, 16);
	PT_CHECK_EQ(pt_rcur_left(&c), 0);
	PT_CHECK(pt_rcur_take(&c, 1) == NULL);
}

/* ---- pt_wbuf ---------------------------------------------------------- */

PT_TEST(test_wbuf_exact_fit_then_overflow)
{
	uint8_t mem[4];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_room(&w), 4);
	PT_CHECK_EQ(pt_wbuf_put(&w, "ab", 2), 0);
	PT_CHECK_EQ(pt_wbuf_put(&w, "cd", 2), 0);
	PT_CHECK_EQ(pt_wbuf_room(&w), 0);
	PT_CHECK_EQ(w.err, 0);
	CHECK_WBUF(w, "abcd");
	PT_CHECK_EQ(pt_wbuf_put(&w, "", 0), 0); /* nothing fits nothing */
	PT_CHECK_EQ(pt_wbuf_putc(&w, 'e'), -1);
	PT_CHECK_EQ(w.err, 1);
	CHECK_WBUF(w, "abcd");
}

PT_TEST(test_wbuf_overflow_writes_nothing_and_sticks)
{
	uint8_t mem[6];
	struct pt_wbuf w;

	memset(mem, '#', sizeof(mem));
	pt_wbuf_init(&w, mem, 5);
	PT_CHECK_EQ(pt_wbuf_put(&w, "ab", 2), 0);
	PT_CHECK_EQ(pt_wbuf_put(&w, "wxyz", 4), -1); /* room 3 */
	PT_CHECK_EQ(w.len, 2);
	PT_CHECK_EQ(w.err, 1);
	PT_CHECK(all_bytes_are(mem + 2, 4, '#'));
	/* Sticky: these would fit. */
	PT_CHECK_EQ(pt_wbuf_room(&w), 0);
	PT_CHECK_EQ(pt_wbuf_putc(&w, 'z'), -1);
	PT_CHECK_EQ(pt_wbuf_puts(&w, "z"), -1);
	PT_CHECK_EQ(pt_wbuf_put(&w, "", 0), -1);
	PT_CHECK_EQ(pt_wbuf_put_u64(&w, 1), -1);
	PT_CHECK_EQ(pt_wbuf_put_i64(&w, 1), -1);
	PT_CHECK_EQ(pt_wbuf_put_hex(&w, "z", 1, 0), -1);
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%d", 1), -1);
	PT_CHECK(pt_wbuf_claim(&w, 0) == NULL);
	PT_CHECK(pt_wbuf_cstr(&w) == NULL);
	PT_CHECK_EQ(w.len, 2);
	PT_CHECK(all_bytes_are(mem + 2, 4, '#'));

	pt_wbuf_reset(&w);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK_EQ(w.err, 0);
	PT_CHECK_EQ(pt_wbuf_room(&w), 5);
	PT_CHECK_EQ(pt_wbuf_puts(&w, "hello"), 0);
	CHECK_WBUF(w, "hello");
	PT_CHECK_EQ(mem[5], '#'); /* cap respected */
}

PT_TEST(test_wbuf_putc_puts)
{
	uint8_t mem[8];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_putc(&w, 'A'), 0);
	PT_CHECK_EQ(pt_wbuf_putc(&w, 0), 0); /* a NUL is just a byte */
	PT_CHECK_EQ(pt_wbuf_puts(&w, ""), 0);
	PT_CHECK_EQ(pt_wbuf_puts(&w, "bc"), 0);
	PT_CHECK_MEM(w.p, w.len, "A\0bc", 4);
	PT_CHECK_EQ(pt_wbuf_puts(&w, "12345"), -1); /* room 4 */
	PT_CHECK_EQ(w.len, 4);

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_puts(&w, NULL), -1);
	PT_CHECK_EQ(w.err, 1);
	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_put(&w, NULL, 1), -1);
	PT_CHECK_EQ(w.err, 1);
}

PT_TEST(test_wbuf_null_memory)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, NULL, 10);
	PT_CHECK_EQ(w.cap, 0);
	PT_CHECK_EQ(pt_wbuf_room(&w), 0);
	PT_CHECK_EQ(pt_wbuf_put(&w, "", 0), 0);
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%s", ""), 0);
	PT_CHECK(pt_wbuf_claim(&w, 0) != NULL);
	PT_CHECK_EQ(w.err, 0);
	PT_CHECK_EQ(pt_wbuf_putc(&w, 'x'), -1);
	PT_CHECK_EQ(w.err, 1);
}

PT_TEST(test_wbuf_put_u64)
{
	uint8_t mem[32];
	uint8_t m20[20], m19[19];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_put_u64(&w, 0), 0);
	CHECK_WBUF(w, "0");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_wbuf_put_u64(&w, 10), 0);
	PT_CHECK_EQ(pt_wbuf_putc(&w, ' '), 0);
	PT_CHECK_EQ(pt_wbuf_put_u64(&w, 1234567890123ull), 0);
	CHECK_WBUF(w, "10 1234567890123");

	pt_wbuf_init(&w, m20, sizeof(m20));
	PT_CHECK_EQ(pt_wbuf_put_u64(&w, UINT64_MAX), 0);
	CHECK_WBUF(w, "18446744073709551615");

	memset(m19, '#', sizeof(m19));
	pt_wbuf_init(&w, m19, sizeof(m19));
	PT_CHECK_EQ(pt_wbuf_put_u64(&w, UINT64_MAX), -1);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK(all_bytes_are(m19, sizeof(m19), '#'));
}

PT_TEST(test_wbuf_put_i64)
{
	uint8_t mem[64];
	uint8_t m20[20], m19[19];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_put_i64(&w, 0), 0);
	PT_CHECK_EQ(pt_wbuf_putc(&w, ','), 0);
	PT_CHECK_EQ(pt_wbuf_put_i64(&w, -1), 0);
	PT_CHECK_EQ(pt_wbuf_putc(&w, ','), 0);
	PT_CHECK_EQ(pt_wbuf_put_i64(&w, 42), 0);
	PT_CHECK_EQ(pt_wbuf_putc(&w, ','), 0);
	PT_CHECK_EQ(pt_wbuf_put_i64(&w, INT64_MAX), 0);
	CHECK_WBUF(w, "0,-1,42,9223372036854775807");

	/* INT64_MIN is 20 bytes with its sign: exact fit, and one short. */
	pt_wbuf_init(&w, m20, sizeof(m20));
	PT_CHECK_EQ(pt_wbuf_put_i64(&w, INT64_MIN), 0);
	CHECK_WBUF(w, "-9223372036854775808");

	memset(m19, '#', sizeof(m19));
	pt_wbuf_init(&w, m19, sizeof(m19));
	PT_CHECK_EQ(pt_wbuf_put_i64(&w, INT64_MIN), -1);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK(all_bytes_are(m19, sizeof(m19), '#'));
}

PT_TEST(test_wbuf_put_hex)
{
	static const uint8_t bin[] = { 0x00, 0x9f, 0xab, 0xff, 0x10 };
	uint8_t mem[16], m9[9];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_put_hex(&w, bin, sizeof(bin), 0), 0);
	CHECK_WBUF(w, "009fabff10");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_wbuf_put_hex(&w, bin, sizeof(bin), 1), 0);
	CHECK_WBUF(w, "009FABFF10");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_wbuf_put_hex(&w, NULL, 0, 0), 0);
	PT_CHECK_EQ(w.len, 0);

	/* Needs 10, has 9: nothing written. */
	memset(m9, '#', sizeof(m9));
	pt_wbuf_init(&w, m9, sizeof(m9));
	PT_CHECK_EQ(pt_wbuf_put_hex(&w, bin, sizeof(bin), 0), -1);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK(all_bytes_are(m9, sizeof(m9), '#'));

	/* Exact fit: 4 bytes -> 8 digits into 9 after a 1-byte prefix. */
	pt_wbuf_init(&w, m9, sizeof(m9));
	PT_CHECK_EQ(pt_wbuf_putc(&w, '='), 0);
	PT_CHECK_EQ(pt_wbuf_put_hex(&w, bin, 4, 1), 0);
	CHECK_WBUF(w, "=009FABFF");

	/* 2 * n would wrap to a small number; must fail, not write. */
	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_put_hex(&w, bin, SIZE_MAX / 2 + 2, 0), -1);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK_EQ(w.err, 1);
}

PT_TEST(test_wbuf_fmt)
{
	uint8_t mem[16], m5[5];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_puts(&w, "n="), 0);
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%d-%s", 42, "x"), 0);
	CHECK_WBUF(w, "n=42-x");

	/* "abcd" needs 4 bytes plus vsnprintf's NUL: fits in 5 ... */
	pt_wbuf_init(&w, m5, sizeof(m5));
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%s", "abcd"), 0);
	CHECK_WBUF(w, "abcd");
	/* ... but "abcde" does not (documented: text must be < room). */
	pt_wbuf_init(&w, m5, sizeof(m5));
	PT_CHECK_EQ(pt_wbuf_putc(&w, '>'), 0);
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%s", "abcd"), -1);
	PT_CHECK_EQ(w.len, 1);
	PT_CHECK_EQ(w.err, 1);
	CHECK_WBUF(w, ">");
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%s", ""), -1); /* sticky */

	/* Empty text fits even a full buffer. */
	pt_wbuf_init(&w, m5, sizeof(m5));
	PT_CHECK_EQ(pt_wbuf_puts(&w, "12345"), 0);
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%s", ""), 0);
	PT_CHECK_EQ(w.err, 0);
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%c", 'x'), -1);
	CHECK_WBUF(w, "12345");

	/* An encoding error is a failure, not text. */
	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_fmt(&w, "%lc", (wint_t)0x100), -1);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK_EQ(w.err, 1);
}

PT_TEST(test_wbuf_cstr)
{
	uint8_t mem[4];
	struct pt_wbuf w;
	const char *s;

	memset(mem, '#', sizeof(mem));
	pt_wbuf_init(&w, mem, sizeof(mem));
	s = pt_wbuf_cstr(&w);
	PT_CHECK(s != NULL && s[0] == 0);
	PT_CHECK_EQ(pt_wbuf_puts(&w, "abc"), 0);
	s = pt_wbuf_cstr(&w);
	PT_CHECK(s != NULL);
	if (s != NULL)
		PT_CHECK_STR(s, "abc");
	PT_CHECK_EQ(w.len, 3); /* the NUL is not counted */
	/* The NUL byte is still room: a put may overwrite it. */
	PT_CHECK_EQ(pt_wbuf_putc(&w, 'd'), 0);
	CHECK_WBUF(w, "abcd");
	PT_CHECK(pt_wbuf_cstr(&w) == NULL);
	PT_CHECK_EQ(w.err, 1);
	PT_CHECK_EQ(w.len, 4);

	pt_wbuf_init(&w, NULL, 0);
	PT_CHECK(pt_wbuf_cstr(&w) == NULL);
	PT_CHECK_EQ(w.err, 1);
}

PT_TEST(test_wbuf_claim_mark_rewind)
{
	uint8_t mem[8];
	struct pt_wbuf w;
	uint8_t *q;
	size_t mark;

	pt_wbuf_init(&w, mem, sizeof(mem));
	q = pt_wbuf_claim(&w, 3);
	PT_CHECK(q == mem);
	PT_CHECK_EQ(w.len, 3);
	if (q != NULL)
		memcpy(q, "xyz", 3);
	mark = pt_wbuf_mark(&w);
	PT_CHECK_EQ(mark, 3);
	PT_CHECK_EQ(pt_wbuf_puts(&w, "123"), 0);
	pt_wbuf_rewind(&w, mark);
	CHECK_WBUF(w, "xyz");
	pt_wbuf_rewind(&w, 7); /* never moves forward */
	PT_CHECK_EQ(w.len, 3);

	PT_CHECK(pt_wbuf_claim(&w, 6) == NULL); /* room 5 */
	PT_CHECK_EQ(w.len, 3);
	PT_CHECK_EQ(w.err, 1);
	pt_wbuf_rewind(&w, 0);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK_EQ(w.err, 1); /* rewind does not clear err */

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_wbuf_fail(&w), -1);
	PT_CHECK_EQ(w.err, 1);
	PT_CHECK_EQ(pt_wbuf_putc(&w, 'a'), -1);
}

/* ---- base64 ----------------------------------------------------------- */

/* RFC 4648 §10. */
static const struct {
	const char *plain;
	const char *b64;
} rfc4648_vectors[] = {
	{ "", "" },
	{ "f", "Zg==" },
	{ "fo", "Zm8=" },
	{ "foo", "Zm9v" },
	{ "foob", "Zm9vYg==" },
	{ "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" },
};

PT_TEST(test_b64_rfc4648_encode)
{
	uint8_t mem[16];
	struct pt_wbuf w;

	for (size_t i = 0; i < PT_COUNTOF(rfc4648_vectors); i++) {
		const char *plain = rfc4648_vectors[i].plain;
		const char *b64 = rfc4648_vectors[i].b64;

		pt_wbuf_init(&w, mem, sizeof(mem));
		PT_CHECK_EQ(pt_b64_encode(&w, plain, strlen(plain)), 0);
		PT_CHECK_MEM(w.p, w.len, b64, strlen(b64));
		PT_CHECK_EQ(pt_b64_encoded_len(strlen(plain)), strlen(b64));
	}
}

PT_TEST(test_b64_rfc4648_decode)
{
	uint8_t dst[16];
	size_t outlen;

	for (size_t i = 0; i < PT_COUNTOF(rfc4648_vectors); i++) {
		const char *plain = rfc4648_vectors[i].plain;
		const char *b64 = rfc4648_vectors[i].b64;

		outlen = 99;
		PT_CHECK_EQ(pt_b64_decode(dst, sizeof(dst), &outlen, b64, strlen(b64)), 0);
		PT_CHECK_MEM(dst, outlen, plain, strlen(plain));
		PT_CHECK(outlen <= pt_b64_decoded_max(strlen(b64)));
	}
	/* Empty input needs no destination at all. */
	outlen = 99;
	PT_CHECK_EQ(pt_b64_decode(NULL, 0, &outlen, "", 0), 0);
	PT_CHECK_EQ(outlen, 0);
}

PT_TEST(test_b64_whole_alphabet)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint8_t bin[48], mem[64], dst[48];
	struct pt_wbuf w;
	size_t outlen;

	/* Pack the 6-bit values 0..63 in order: their encoding is the alphabet
	 * itself, so every character mapping is checked both ways. */
	for (unsigned i = 0; i < 16; i++) {
		uint32_t x = (4 * i) << 18 | (4 * i + 1) << 12 | (4 * i + 2) << 6 | (4 * i + 3);

		bin[3 * i] = (uint8_t)(x >> 16);
		bin[3 * i + 1] = (uint8_t)(x >> 8);
		bin[3 * i + 2] = (uint8_t)x;
	}
	PT_CHECK_EQ(bin[0], 0x00);
	PT_CHECK_EQ(bin[1], 0x10);
	PT_CHECK_EQ(bin[47], 0xbf);
	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_b64_encode(&w, bin, sizeof(bin)), 0);
	PT_CHECK_MEM(w.p, w.len, alphabet, 64);
	PT_CHECK_EQ(pt_b64_decode(dst, sizeof(dst), &outlen, alphabet, 64), 0);
	PT_CHECK_MEM(dst, outlen, bin, sizeof(bin));
}

PT_TEST(test_b64_binary_vectors)
{
	/* Expected values from Python's base64.b64encode. */
	static const struct {
		const char *bin;
		size_t n;
		const char *b64;
	} v[] = {
		{ "\xff\xfe\xfd", 3, "//79" },
		{ "\x00", 1, "AA==" },
		{ "\xfb\xff", 2, "+/8=" },
	};
	uint8_t mem[8], dst[8];
	struct pt_wbuf w;
	size_t outlen;

	for (size_t i = 0; i < PT_COUNTOF(v); i++) {
		pt_wbuf_init(&w, mem, sizeof(mem));
		PT_CHECK_EQ(pt_b64_encode(&w, v[i].bin, v[i].n), 0);
		PT_CHECK_MEM(w.p, w.len, v[i].b64, 4);
		PT_CHECK_EQ(pt_b64_decode(dst, sizeof(dst), &outlen, v[i].b64, 4), 0);
		PT_CHECK_MEM(dst, outlen, v[i].bin, v[i].n);
	}
}

PT_TEST(test_b64_round_trip_all_bytes)
{
	uint8_t bin[256], mem[344], dst[258];
	struct pt_wbuf w;
	size_t outlen;

	for (unsigned i = 0; i < 256; i++)
		bin[i] = (uint8_t)i;
	/* Every length 0..256 exercises all three tail shapes. */
	for (size_t n = 0; n <= 256; n++) {
		pt_wbuf_init(&w, mem, sizeof(mem));
		if (!PT_CHECK_EQ(pt_b64_encode(&w, bin + 256 - n, n), 0))
			break;
		PT_CHECK_EQ(w.len, pt_b64_encoded_len(n));
		PT_CHECK_EQ(pt_b64_decode(dst, sizeof(dst), &outlen, w.p, w.len), 0);
		if (!PT_CHECK_MEM(dst, outlen, bin + 256 - n, n))
			break;
	}
}

PT_TEST(test_b64_lengths)
{
	PT_CHECK_EQ(pt_b64_encoded_len(0), 0);
	PT_CHECK_EQ(pt_b64_encoded_len(1), 4);
	PT_CHECK_EQ(pt_b64_encoded_len(2), 4);
	PT_CHECK_EQ(pt_b64_encoded_len(3), 4);
	PT_CHECK_EQ(pt_b64_encoded_len(4), 8);
	PT_CHECK_EQ(pt_b64_encoded_len(57), 76);
	PT_CHECK(pt_b64_encoded_len(SIZE_MAX) == SIZE_MAX); /* saturates */
	PT_CHECK(pt_b64_encoded_len(SIZE_MAX / 4 * 3) == SIZE_MAX / 4 * 4);
	PT_CHECK_EQ(pt_b64_decoded_max(0), 0);
	PT_CHECK_EQ(pt_b64_decoded_max(3), 0);
	PT_CHECK_EQ(pt_b64_decoded_max(4), 3);
	PT_CHECK_EQ(pt_b64_decoded_max(7), 3);
	PT_CHECK_EQ(pt_b64_decoded_max(8), 6);
	PT_CHECK(pt_b64_decoded_max(SIZE_MAX) == SIZE_MAX / 4 * 3);
}

PT_TEST(test_b64_encode_overflow)
{
	uint8_t m7[7], m8[8];
	struct pt_wbuf w;

	memset(m7, '#', sizeof(m7));
	pt_wbuf_init(&w, m7, sizeof(m7));
	PT_CHECK_EQ(pt_b64_encode(&w, "foob", 4), -1); /* needs 8 */
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK_EQ(w.err, 1);
	PT_CHECK(all_bytes_are(m7, sizeof(m7), '#'));
	PT_CHECK_EQ(pt_b64_encode(&w, "", 0), -1); /* sticky */

	pt_wbuf_init(&w, m8, sizeof(m8));
	PT_CHECK_EQ(pt_b64_encode(&w, "foob", 4), 0);
	CHECK_WBUF(w, "Zm9vYg==");
	PT_CHECK_EQ(pt_b64_encode(&w, "", 0), 0);
	PT_CHECK_EQ(pt_b64_encode(&w, "f", 1), -1);
	CHECK_WBUF(w, "Zm9vYg==");

	pt_wbuf_init(&w, m8, sizeof(m8));
	PT_CHECK_EQ(pt_b64_encode(&w, NULL, 1), -1);
	PT_CHECK_EQ(w.err, 1);
}

/* Asserts that s (n bytes) is rejected as invalid and touches nothing. */
static void check_b64_invalid(const char *s, size_t n, int line)
{
	uint8_t dst[16];
	size_t outlen = 99;
	int r;

	memset(dst, '#', sizeof(dst));
	r = pt_b64_decode(dst, sizeof(dst), &outlen, s, n);
	if (r != -1 || outlen != 0 || !all_bytes_are(dst, sizeof(dst), '#'))
		fprintf(stdout, "  (b64 vector from line %d, r=%d)\n", line, r);
	PT_CHECK_EQ(r, -1);
	PT_CHECK_EQ(outlen, 0);
	PT_CHECK(all_bytes_are(dst, sizeof(dst), '#'));
}

#define CHECK_B64_INVALID(lit) check_b64_invalid((lit), sizeof(lit) - 1, __LINE__)

PT_TEST(test_b64_reject_length)
{
	CHECK_B64_INVALID("Z");
	CHECK_B64_INVALID("Zg");
	CHECK_B64_INVALID("Zg=");
	CHECK_B64_INVALID("Zm9vY");
	CHECK_B64_INVALID("Zm9vYg=");
	CHECK_B64_INVALID("Zm9vYg===");
	CHECK_B64_INVALID("Zm9vYmFy=");
	/* Prefixes of valid encodings: the bytes past n would complete a valid
	 * quantum, so only the length rule can reject these (a literal's NUL
	 * would hide a missing length check in the cases above). */
	check_b64_invalid("Zm9vYmFy", 5, __LINE__);
	check_b64_invalid("Zm9vYmFy", 7, __LINE__);
	check_b64_invalid("Zm9vYg==", 7, __LINE__);
	check_b64_invalid("Zg==", 3, __LINE__);
}

PT_TEST(test_b64_reject_bytes_outside_alphabet)
{
	CHECK_B64_INVALID("Zm9 ");
	CHECK_B64_INVALID(" Zm9");
	CHECK_B64_INVALID("Zm9\n");
	CHECK_B64_INVALID("Zm9\r");
	CHECK_B64_INVALID("Zm\r\n");
	CHECK_B64_INVALID("Zm9\t");
	CHECK_B64_INVALID("Zm9v\r\nZg==");  /* also wrong length */
	CHECK_B64_INVALID("Zm9vYmFy\r\n\r\n"); /* whitespace in a whole quantum */
	CHECK_B64_INVALID("Zm9\0");
	CHECK_B64_INVALID("Zm9\x80");
	CHECK_B64_INVALID("Zm9\xff");
	CHECK_B64_INVALID("Zm9-"); /* base64url is a different alphabet */
	CHECK_B64_INVALID("Zm9_");
	CHECK_B64_INVALID("Zm9.");
	CHECK_B64_INVALID("Zm9@"); /* just below 'A' */
	CHECK_B64_INVALID("Zm9["); /* just above 'Z' */
	CHECK_B64_INVALID("Zm9`"); /* just below 'a' */
	CHECK_B64_INVALID("Zm9{"); /* just above 'z' */
	CHECK_B64_INVALID("Zm9:"); /* just above '9' */
	CHECK_B64_INVALID("Zm9,"); /* between '+' and '/' */
	/* A bad byte in the last quantum, after good ones: dst still untouched. */
	CHECK_B64_INVALID("Zm9vYmFyZm9!");
}

PT_TEST(test_b64_reject_padding)
{
	CHECK_B64_INVALID("====");
	CHECK_B64_INVALID("Z===");
	CHECK_B64_INVALID("=Zg=");
	CHECK_B64_INVALID("Zg=a");
	CHECK_B64_INVALID("Z=g=");
	CHECK_B64_INVALID("Zg==Zm9v"); /* padding before the last quantum */
	CHECK_B64_INVALID("Zm8=Zm9v");
	CHECK_B64_INVALID("Zm9vZg==Zg==");
}

PT_TEST(test_b64_reject_noncanonical)
{
	uint8_t dst[4];
	size_t outlen;

	/* RFC 4648 §3.5: "Zg==" and "Zh==" both carry 'f', but only "Zg==" has
	 * its pad bits zero. */
	PT_CHECK_EQ(pt_b64_decode(dst, sizeof(dst), &outlen, "Zg==", 4), 0);
	PT_CHECK_MEM(dst, outlen, "f", 1);
	CHECK_B64_INVALID("Zh==");
	CHECK_B64_INVALID("Zv==");
	CHECK_B64_INVALID("Z/==");
	/* Two pad bits: "Zm8=" is 'fo'; "Zm9=", "Zm+=", "Zm/=" are not canonical. */
	PT_CHECK_EQ(pt_b64_decode(dst, sizeof(dst), &outlen, "Zm8=", 4), 0);
	PT_CHECK_MEM(dst, outlen, "fo", 2);
	CHECK_B64_INVALID("Zm9=");
	CHECK_B64_INVALID("Zm+=");
	CHECK_B64_INVALID("Zm/=");
	CHECK_B64_INVALID("Zm9vZm9=");
}

PT_TEST(test_b64_dst_too_small)
{
	uint8_t dst[8];
	size_t outlen = 99;

	memset(dst, '#', sizeof(dst));
	PT_CHECK_EQ(pt_b64_decode(dst, 5, &outlen, "Zm9vYmFy", 8), -2);
	PT_CHECK_EQ(outlen, 6); /* the length needed */
	PT_CHECK(all_bytes_are(dst, sizeof(dst), '#'));

	PT_CHECK_EQ(pt_b64_decode(dst, 6, &outlen, "Zm9vYmFy", 8), 0); /* exact fit */
	PT_CHECK_MEM(dst, outlen, "foobar", 6);
	PT_CHECK_EQ(dst[6], '#');

	/* Padding shrinks the need below decoded_max: 4 bytes fit in 4. */
	PT_CHECK_EQ(pt_b64_decode(dst, 4, &outlen, "Zm9vYg==", 8), 0);
	PT_CHECK_MEM(dst, outlen, "foob", 4);

	PT_CHECK_EQ(pt_b64_decode(NULL, 0, &outlen, "Zg==", 4), -2);
	PT_CHECK_EQ(outlen, 1);
	/* Invalid wins over too small. */
	PT_CHECK_EQ(pt_b64_decode(NULL, 0, &outlen, "Zh==", 4), -1);
	PT_CHECK_EQ(outlen, 0);
	PT_CHECK_EQ(pt_b64_decode(dst, sizeof(dst), &outlen, NULL, 4), -1);
}

/* ---- names ------------------------------------------------------------ */

#define PT_FRUITS(X)                \
	X(PT_FRUIT_APPLE, "apple")      \
	X(PT_FRUIT_PEAR, "pear")        \
	X(PT_FRUIT_KIWI, "kiwi")

enum pt_fruit { PT_FRUITS(PT_ENUM_ITEM) };
static const struct pt_name pt_fruit_names[] = { PT_FRUITS(PT_NAME_ITEM) };

PT_TEST(test_names_xmacro_and_name_of)
{
	PT_CHECK_EQ(PT_COUNTOF(pt_fruit_names), 3);
	PT_CHECK_EQ(PT_FRUIT_APPLE, 0);
	PT_CHECK_EQ(PT_FRUIT_KIWI, 2);
	PT_CHECK_EQ(pt_fruit_names[1].value, PT_FRUIT_PEAR);
	PT_CHECK_STR(pt_name_of(pt_fruit_names, 3, PT_FRUIT_APPLE), "apple");
	PT_CHECK_STR(pt_name_of(pt_fruit_names, 3, PT_FRUIT_PEAR), "pear");
	PT_CHECK_STR(pt_name_of(pt_fruit_names, 3, PT_FRUIT_KIWI), "kiwi");
	PT_CHECK_STR(pt_name_of(pt_fruit_names, 3, 3), "?");
	PT_CHECK_STR(pt_name_of(pt_fruit_names, 3, -1), "?");
	PT_CHECK_STR(pt_name_of(pt_fruit_names, 2, PT_FRUIT_KIWI), "?"); /* n bounds the scan */
	PT_CHECK_STR(pt_name_of(NULL, 0, 0), "?");
}

PT_TEST(test_names_find_exact)
{
	int v = -7;

	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, "pear", 4, &v), 0);
	PT_CHECK_EQ(v, PT_FRUIT_PEAR);
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, "kiwi!", 4, &v), 0); /* len bounds s */
	PT_CHECK_EQ(v, PT_FRUIT_KIWI);
	v = -7;
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, "PEAR", 4, &v), -1);
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, "pea", 3, &v), -1);
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, "pears", 5, &v), -1);
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, "pear\0", 5, &v), -1);
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, "", 0, &v), -1);
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 3, NULL, 0, &v), -1);
	PT_CHECK_EQ(pt_name_find(pt_fruit_names, 2, "kiwi", 4, &v), -1);
	PT_CHECK_EQ(v, -7); /* untouched on failure */
}

PT_TEST(test_names_find_ci)
{
	int v = -7;

	PT_CHECK_EQ(pt_name_find_ci(pt_fruit_names, 3, "PEAR", 4, &v), 0);
	PT_CHECK_EQ(v, PT_FRUIT_PEAR);
	PT_CHECK_EQ(pt_name_find_ci(pt_fruit_names, 3, "aPpLe", 5, &v), 0);
	PT_CHECK_EQ(v, PT_FRUIT_APPLE);
	PT_CHECK_EQ(pt_name_find_ci(pt_fruit_names, 3, "kiwi", 4, &v), 0);
	PT_CHECK_EQ(v, PT_FRUIT_KIWI);
	v = -7;
	PT_CHECK_EQ(pt_name_find_ci(pt_fruit_names, 3, "PEARS", 5, &v), -1);
	PT_CHECK_EQ(pt_name_find_ci(pt_fruit_names, 3, "PEA", 3, &v), -1);
	PT_CHECK_EQ(pt_name_find_ci(pt_fruit_names, 3, "k\xc9wi", 4, &v), -1);
	PT_CHECK_EQ(v, -7);
}

PT_TEST(test_names_null_entries_skipped)
{
	static const struct pt_name tab[] = { { 1, NULL }, { 1, "one" }, { 2, "" } };
	int v = -7;

	PT_CHECK_STR(pt_name_of(tab, 3, 1), "one");
	PT_CHECK_EQ(pt_name_find(tab, 3, "one", 3, &v), 0);
	PT_CHECK_EQ(v, 1);
	PT_CHECK_EQ(pt_name_find(tab, 3, NULL, 0, &v), 0); /* the empty name */
	PT_CHECK_EQ(v, 2);
}

PT_TEST(test_mem_eq_ci)
{
	PT_CHECK_EQ(pt_mem_eq_ci("AUTH", "auth", 4), 1);
	PT_CHECK_EQ(pt_mem_eq_ci("Az", "aZ", 2), 1);
	PT_CHECK_EQ(pt_mem_eq_ci("auth", "autH", 4), 1);
	PT_CHECK_EQ(pt_mem_eq_ci("auth", "auti", 4), 0);
	PT_CHECK_EQ(pt_mem_eq_ci("ab", "ax", 1), 1); /* only n bytes */
	PT_CHECK_EQ(pt_mem_eq_ci("x", "y", 0), 1);
	/* The pairs that differ by 0x20 but are not letters must not fold. */
	PT_CHECK_EQ(pt_mem_eq_ci("@", "`", 1), 0);
	PT_CHECK_EQ(pt_mem_eq_ci("[", "{", 1), 0);
	PT_CHECK_EQ(pt_mem_eq_ci("\x10", "0", 1), 0);
	/* Latin-1 letters are not ASCII: no folding. */
	PT_CHECK_EQ(pt_mem_eq_ci("\xc9", "\xe9", 1), 0);
	PT_CHECK_EQ(pt_mem_eq_ci("a\0b", "A\0B", 3), 1);
}

PT_TEST(test_strnlen_bounded)
{
	static const char unterminated[4] = { 'a', 'b', 'c', 'd' };

	PT_CHECK_EQ(pt_strnlen_bounded("abc", 10), 3);
	PT_CHECK_EQ(pt_strnlen_bounded("abc", 3), 3);
	PT_CHECK_EQ(pt_strnlen_bounded("abc", 2), 2);
	PT_CHECK_EQ(pt_strnlen_bounded("abc", 0), 0);
	PT_CHECK_EQ(pt_strnlen_bounded("", 5), 0);
	PT_CHECK_EQ(pt_strnlen_bounded(NULL, 5), 0);
	/* ASan catches a read past the array. */
	PT_CHECK_EQ(pt_strnlen_bounded(unterminated, sizeof(unterminated)), 4);
}

/* ---- log -------------------------------------------------------------- */

struct capture {
	int calls;
	enum pt_log_level level;
	size_t len;
	int nul_terminated;
	char msg[PT_LOG_LINE_MAX + 16];
};

static void capture_sink(void *ctx, enum pt_log_level level, const char *msg, size_t len)
{
	struct capture *cap = ctx;

	cap->calls++;
	cap->level = level;
	cap->len = len;
	cap->nul_terminated = msg[len] == 0;
	memcpy(cap->msg, msg, len < sizeof(cap->msg) ? len : sizeof(cap->msg));
}

PT_TEST(test_log_level_filtering)
{
	struct capture cap = { 0 };
	struct pt_log lg;

	pt_log_init(&lg, capture_sink, &cap, PT_LOG_WARN);
	pt_logf(&lg, PT_LOG_ERR, "x=%d", 42);
	PT_CHECK_EQ(cap.calls, 1);
	PT_CHECK_EQ(cap.level, PT_LOG_ERR);
	PT_CHECK_MEM(cap.msg, cap.len, "x=42", 4);
	PT_CHECK(cap.nul_terminated);
	pt_logf(&lg, PT_LOG_WARN, "at max");
	PT_CHECK_EQ(cap.calls, 2);
	PT_CHECK_EQ(cap.level, PT_LOG_WARN);
	pt_logf(&lg, PT_LOG_NOTICE, "below max");
	pt_logf(&lg, PT_LOG_INFO, "below max");
	pt_logf(&lg, PT_LOG_DEBUG, "below max");
	PT_CHECK_EQ(cap.calls, 2);
	pt_logf(&lg, PT_LOG_EMERG, "emerg");
	PT_CHECK_EQ(cap.calls, 3);
	PT_CHECK_MEM(cap.msg, cap.len, "emerg", 5);

	PT_CHECK_EQ(pt_log_enabled(&lg, PT_LOG_WARN), 1);
	PT_CHECK_EQ(pt_log_enabled(&lg, PT_LOG_NOTICE), 0);

	/* debug lets everything through, emerg only emerg. */
	pt_log_init(&lg, capture_sink, &cap, PT_LOG_DEBUG);
	pt_logf(&lg, PT_LOG_DEBUG, "d");
	PT_CHECK_EQ(cap.calls, 4);
	pt_log_init(&lg, capture_sink, &cap, PT_LOG_EMERG);
	pt_logf(&lg, PT_LOG_ALERT, "a");
	PT_CHECK_EQ(cap.calls, 4);

	/* Values outside the enum are never delivered. */
	pt_log_init(&lg, capture_sink, &cap, (enum pt_log_level)100);
	PT_CHECK_EQ(pt_log_enabled(&lg, (enum pt_log_level)8), 0);
	PT_CHECK_EQ(pt_log_enabled(&lg, (enum pt_log_level)-1), 0);
	pt_logf(&lg, (enum pt_log_level)8, "bogus");
	PT_CHECK_EQ(cap.calls, 4);
}

PT_TEST(test_log_null_sink)
{
	struct pt_log lg;

	pt_log_init(&lg, NULL, NULL, PT_LOG_DEBUG);
	PT_CHECK_EQ(pt_log_enabled(&lg, PT_LOG_EMERG), 0);
	pt_logf(&lg, PT_LOG_EMERG, "nobody listens %d", 1); /* must not crash */
	PT_CHECK_EQ(pt_log_enabled(NULL, PT_LOG_EMERG), 0);
	pt_logf(NULL, PT_LOG_EMERG, "no logger");
}

static void vlog_wrapper(const struct pt_log *lg, enum pt_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void vlog_wrapper(const struct pt_log *lg, enum pt_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_vlogf(lg, level, fmt, ap);
	va_end(ap);
}

PT_TEST(test_log_vlogf)
{
	struct capture cap = { 0 };
	struct pt_log lg;

	pt_log_init(&lg, capture_sink, &cap, PT_LOG_INFO);
	vlog_wrapper(&lg, PT_LOG_INFO, "%s:%u", "client", 993u);
	PT_CHECK_EQ(cap.calls, 1);
	PT_CHECK_EQ(cap.level, PT_LOG_INFO);
	PT_CHECK_MEM(cap.msg, cap.len, "client:993", 10);
	vlog_wrapper(&lg, PT_LOG_DEBUG, "%s", "filtered");
	PT_CHECK_EQ(cap.calls, 1);
}

PT_TEST(test_log_truncation)
{
	static char big[3000];
	struct capture cap = { 0 };
	struct pt_log lg;

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	pt_log_init(&lg, capture_sink, &cap, PT_LOG_DEBUG);

	pt_logf(&lg, PT_LOG_ERR, "%s", big);
	PT_CHECK_EQ(cap.calls, 1);
	PT_CHECK_EQ(cap.len, PT_LOG_LINE_MAX - 1);
	PT_CHECK(cap.nul_terminated);
	PT_CHECK(all_bytes_are((const uint8_t *)cap.msg, PT_LOG_LINE_MAX - 4, 'a'));
	PT_CHECK_MEM(cap.msg + PT_LOG_LINE_MAX - 4, 3, "...", 3);

	/* Longest line that fits: delivered whole, no mark. */
	pt_logf(&lg, PT_LOG_ERR, "%.*s", PT_LOG_LINE_MAX - 1, big);
	PT_CHECK_EQ(cap.len, PT_LOG_LINE_MAX - 1);
	PT_CHECK(all_bytes_are((const uint8_t *)cap.msg, PT_LOG_LINE_MAX - 1, 'a'));

	/* One byte more: cut and marked. */
	pt_logf(&lg, PT_LOG_ERR, "%.*s", PT_LOG_LINE_MAX, big);
	PT_CHECK_EQ(cap.len, PT_LOG_LINE_MAX - 1);
	PT_CHECK_MEM(cap.msg + PT_LOG_LINE_MAX - 4, 3, "...", 3);
	PT_CHECK_EQ(cap.msg[PT_LOG_LINE_MAX - 5], 'a');
	PT_CHECK(cap.nul_terminated);
	PT_CHECK_EQ(cap.calls, 3);
}

PT_TEST(test_log_unformattable)
{
	struct capture cap = { 0 };
	struct pt_log lg;
	static const char want[] = "log message could not be formatted";

	pt_log_init(&lg, capture_sink, &cap, PT_LOG_DEBUG);
	pt_logf(&lg, PT_LOG_CRIT, "bad %lc", (wint_t)0x100);
	PT_CHECK_EQ(cap.calls, 1);
	PT_CHECK_EQ(cap.level, PT_LOG_CRIT);
	PT_CHECK_MEM(cap.msg, cap.len, want, sizeof(want) - 1);
	PT_CHECK(cap.nul_terminated);
}

PT_TEST(test_log_level_names)
{
	static const char *const want[] = { "emerg", "alert", "crit", "error",
	                                    "warn", "notice", "info", "debug" };
	enum pt_log_level lvl;

	/* nginx's order: most severe first. */
	PT_CHECK_EQ(PT_LOG_EMERG, 0);
	PT_CHECK(PT_LOG_ERR < PT_LOG_WARN && PT_LOG_WARN < PT_LOG_DEBUG);
	PT_CHECK_EQ(PT_LOG_DEBUG, 7);
	for (int i = 0; i < 8; i++) {
		const char *name = pt_log_level_name((enum pt_log_level)i);

		PT_CHECK_STR(name, want[i]);
		lvl = (enum pt_log_level)99;
		PT_CHECK_EQ(pt_log_level_parse(name, strlen(name), &lvl), 0);
		PT_CHECK_EQ(lvl, i);
	}
	PT_CHECK_STR(pt_log_level_name((enum pt_log_level)8), "?");
	PT_CHECK_STR(pt_log_level_name((enum pt_log_level)-1), "?");

	lvl = PT_LOG_INFO;
	PT_CHECK_EQ(pt_log_level_parse("ERROR", 5, &lvl), -1); /* nginx: exact */
	PT_CHECK_EQ(pt_log_level_parse("err", 3, &lvl), -1);
	PT_CHECK_EQ(pt_log_level_parse("warning", 7, &lvl), -1);
	PT_CHECK_EQ(pt_log_level_parse("debug\0", 6, &lvl), -1);
	PT_CHECK_EQ(pt_log_level_parse("", 0, &lvl), -1);
	PT_CHECK_EQ(lvl, PT_LOG_INFO);
	PT_CHECK_EQ(pt_log_level_parse("warnx", 4, &lvl), 0);
	PT_CHECK_EQ(lvl, PT_LOG_WARN);
}

PT_TEST(test_log_put_secret)
{
	static uint8_t long_secret[1000];
	uint8_t mem[32], m7[7];
	struct pt_wbuf w;

	memset(long_secret, 'S', sizeof(long_secret));
	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_log_put_secret(&w, "", 0), 0);
	CHECK_WBUF(w, "********");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_secret(&w, NULL, 0), 0);
	CHECK_WBUF(w, "********");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_secret(&w, "hunter2", 7), 0);
	CHECK_WBUF(w, "********");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_secret(&w, long_secret, sizeof(long_secret)), 0);
	CHECK_WBUF(w, "********");
	PT_CHECK_STR(PT_REDACTED, "********");

	memset(m7, '#', sizeof(m7));
	pt_wbuf_init(&w, m7, sizeof(m7));
	PT_CHECK_EQ(pt_log_put_secret(&w, "x", 1), -1);
	PT_CHECK_EQ(w.len, 0);
	PT_CHECK(all_bytes_are(m7, sizeof(m7), '#'));
}

PT_TEST(test_log_put_escaped)
{
	static const char in[] = "a\"b\\c\r\n\0\x1f\x7f\x80\xff~ ";
	static const char want[] = "a\\\"b\\\\c\\x0D\\x0A\\x00\\x1F\\x7F\\x80\\xFF~ ";
	uint8_t mem[128];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_log_put_escaped(&w, in, sizeof(in) - 1, 100), 0);
	CHECK_WBUF(w, want);
	PT_CHECK_EQ(sizeof(want) - 1, 37); /* 7 bytes became \\xNN */
}

PT_TEST(test_log_put_escaped_every_byte)
{
	uint8_t mem[8];
	struct pt_wbuf w;
	char want[8];

	for (unsigned c = 0; c < 256; c++) {
		uint8_t b = (uint8_t)c;
		int n;

		if (c == '"' || c == '\\')
			n = snprintf(want, sizeof(want), "\\%c", c);
		else if (c >= 0x20 && c <= 0x7e)
			n = snprintf(want, sizeof(want), "%c", c);
		else
			n = snprintf(want, sizeof(want), "\\x%02X", c);
		pt_wbuf_init(&w, mem, sizeof(mem));
		PT_CHECK_EQ(pt_log_put_escaped(&w, &b, 1, 1), 0);
		if (!PT_CHECK_MEM(w.p, w.len, want, (size_t)n)) {
			fprintf(stdout, "  (byte 0x%02x)\n", c);
			break;
		}
	}
}

PT_TEST(test_log_put_escaped_max)
{
	uint8_t mem[32], m10[10];
	struct pt_wbuf w;

	pt_wbuf_init(&w, mem, sizeof(mem));
	PT_CHECK_EQ(pt_log_put_escaped(&w, "abcdef", 6, 3), 0);
	CHECK_WBUF(w, "abc...");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "abcdef", 6, 6), 0); /* n == max: no mark */
	CHECK_WBUF(w, "abcdef");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "abcdef", 6, 7), 0);
	CHECK_WBUF(w, "abcdef");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "abcdef", 6, 0), 0);
	CHECK_WBUF(w, "...");
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_escaped(&w, NULL, 0, 0), 0);
	PT_CHECK_EQ(w.len, 0);
	/* max counts input bytes, not output bytes. */
	pt_wbuf_reset(&w);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "\r\r\r\r", 4, 2), 0);
	CHECK_WBUF(w, "\\x0D\\x0D...");

	/* Overflow mid-way: all-or-nothing, err set, prefix kept. */
	memset(m10, '#', sizeof(m10));
	pt_wbuf_init(&w, m10, sizeof(m10));
	PT_CHECK_EQ(pt_wbuf_puts(&w, "u="), 0);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "ab\r\n", 4, 10), -1); /* needs 10, room 8 */
	PT_CHECK_EQ(w.len, 2);
	PT_CHECK_EQ(w.err, 1);
	CHECK_WBUF(w, "u=");
	/* The first three bytes ("ab\x0D", 6) did fit and were written before
	 * the fourth failed; the rewind must have dropped them from len. */
	PT_CHECK_MEM(m10 + 2, 6, "ab\\x0D", 6);
	/* Exact fit of escapes: "ab\r" -> 6 bytes into room 6. */
	pt_wbuf_init(&w, m10, 8);
	PT_CHECK_EQ(pt_wbuf_puts(&w, "u="), 0);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "ab\r", 3, 10), 0);
	CHECK_WBUF(w, "u=ab\\x0D");

	/* Exact fit including the mark: "ab" + "..." = 5 into 5. */
	pt_wbuf_init(&w, m10, 5);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "abc", 3, 2), 0);
	CHECK_WBUF(w, "ab...");
	/* One short for the mark only: nothing kept. */
	pt_wbuf_init(&w, m10, 4);
	PT_CHECK_EQ(pt_log_put_escaped(&w, "abc", 3, 2), -1);
	PT_CHECK_EQ(w.len, 0);
}

PT_TEST(test_log_line_never_carries_secret)
{
	static const char user[] = "al\"ice\r\n* OK forged";
	static const char pass[] = "hunter2";
	struct capture cap = { 0 };
	struct pt_log lg;
	uint8_t mem[128];
	struct pt_wbuf w;
	const char *s;
	static const char want[] =
		"login user=\"al\\\"ice\\x0D\\x0A* OK forged\" pass=\"********\"";

	pt_wbuf_init(&w, mem, sizeof(mem));
	pt_wbuf_puts(&w, "login user=\"");
	pt_log_put_escaped(&w, user, sizeof(user) - 1, 64);
	pt_wbuf_puts(&w, "\" pass=\"");
	pt_log_put_secret(&w, pass, sizeof(pass) - 1);
	pt_wbuf_puts(&w, "\"");
	s = pt_wbuf_cstr(&w);
	PT_CHECK(s != NULL);
	pt_log_init(&lg, capture_sink, &cap, PT_LOG_INFO);
	pt_logf(&lg, PT_LOG_INFO, "%s", s != NULL ? s : "");
	PT_CHECK_EQ(cap.calls, 1);
	PT_CHECK_MEM(cap.msg, cap.len, want, sizeof(want) - 1);
	PT_CHECK(memmem(cap.msg, cap.len, pass, sizeof(pass) - 1) == NULL);
	PT_CHECK(memchr(cap.msg, '\r', cap.len) == NULL);
	PT_CHECK(memchr(cap.msg, '\n', cap.len) == NULL);
}

PT_TEST_MAIN(
	PT_TEST_ENTRY(test_rcur_reads_in_order),
	PT_TEST_ENTRY(test_rcur_short_read_is_sticky),
	PT_TEST_ENTRY(test_rcur_each_getter_short),
	PT_TEST_ENTRY(test_rcur_take_and_huge_skip),
	PT_TEST_ENTRY(test_rcur_null_empty),
	PT_TEST_ENTRY(test_wbuf_exact_fit_then_overflow),
	PT_TEST_ENTRY(test_wbuf_overflow_writes_nothing_and_sticks),
	PT_TEST_ENTRY(test_wbuf_putc_puts),
	PT_TEST_ENTRY(test_wbuf_null_memory),
	PT_TEST_ENTRY(test_wbuf_put_u64),
	PT_TEST_ENTRY(test_wbuf_put_i64),
	PT_TEST_ENTRY(test_wbuf_put_hex),
	PT_TEST_ENTRY(test_wbuf_fmt),
	PT_TEST_ENTRY(test_wbuf_cstr),
	PT_TEST_ENTRY(test_wbuf_claim_mark_rewind),
	PT_TEST_ENTRY(test_b64_rfc4648_encode),
	PT_TEST_ENTRY(test_b64_rfc4648_decode),
	PT_TEST_ENTRY(test_b64_whole_alphabet),
	PT_TEST_ENTRY(test_b64_binary_vectors),
	PT_TEST_ENTRY(test_b64_round_trip_all_bytes),
	PT_TEST_ENTRY(test_b64_lengths),
	PT_TEST_ENTRY(test_b64_encode_overflow),
	PT_TEST_ENTRY(test_b64_reject_length),
	PT_TEST_ENTRY(test_b64_reject_bytes_outside_alphabet),
	PT_TEST_ENTRY(test_b64_reject_padding),
	PT_TEST_ENTRY(test_b64_reject_noncanonical),
	PT_TEST_ENTRY(test_b64_dst_too_small),
	PT_TEST_ENTRY(test_names_xmacro_and_name_of),
	PT_TEST_ENTRY(test_names_find_exact),
	PT_TEST_ENTRY(test_names_find_ci),
	PT_TEST_ENTRY(test_names_null_entries_skipped),
	PT_TEST_ENTRY(test_mem_eq_ci),
	PT_TEST_ENTRY(test_strnlen_bounded),
	PT_TEST_ENTRY(test_log_level_filtering),
	PT_TEST_ENTRY(test_log_null_sink),
	PT_TEST_ENTRY(test_log_vlogf),
	PT_TEST_ENTRY(test_log_truncation),
	PT_TEST_ENTRY(test_log_unformattable),
	PT_TEST_ENTRY(test_log_level_names),
	PT_TEST_ENTRY(test_log_put_secret),
	PT_TEST_ENTRY(test_log_put_escaped),
	PT_TEST_ENTRY(test_log_put_escaped_every_byte),
	PT_TEST_ENTRY(test_log_put_escaped_max),
	PT_TEST_ENTRY(test_log_line_never_carries_secret))
