/*
 * base64.c - strict RFC 4648 §4 base64 (see base64.h for the contract).
 *
 * Implementation notes:
 * - Why hand-written: none of postern's dependencies exposes a public strict
 *   base64.  BearSSL's decoder is internal: reachable only through
 *   br_pem_decoder, inside PEM framing, and it skips whitespace; libresolv's
 *   b64_pton skips whitespace too, which SASL must not accept (RFC 4954 §4,
 *   RFC 9051 §6.2.2: the response is one line of base64).
 * - What strict means here: every byte in the alphabet, length a multiple of
 *   4, '=' only as "xx==" or "xxx=" in the last quantum, and the pad bits of
 *   that quantum zero.  RFC 4648 §3.5: "decoders MAY chose to reject an
 *   encoding if the pad bits have not been set to zero" - we do, so each
 *   payload has exactly one encoding (no "Zh==" smuggled as "Zg==").
 * - The byte <-> value mapping is arithmetic on masks, not a table lookup:
 *   the input is often a password (SASL PLAIN, LOGIN), and an index into a
 *   table leaks the value through the cache (BearSSL's from-base64 is
 *   branch-free for the same reason).  Branches depend only on validity,
 *   which is not secret.
 * - Decoding is two passes over the input (validate and measure, then
 *   write), so invalid input or a short dst leaves dst untouched.
 */
#include "util/base64.h"

#include <string.h>

#define PT_B64_PAD '='

/* 0xff when lo <= c <= hi, else 0, without a branch; c, lo and hi are at
 * most 0xff, so c - lo or hi - c wraps (setting bits 8 and up) exactly when
 * c is outside the range. */
static unsigned pt_b64_range_mask(unsigned c, unsigned lo, unsigned hi)
{
	return ((((c - lo) | (hi - c)) >> 8) & 0xff) ^ 0xff;
}

/* The alphabet character for v in 0..63 (RFC 4648 §4, Table 1). */
static uint8_t pt_b64_char(unsigned v)
{
	return (uint8_t)((pt_b64_range_mask(v, 0, 25) & (v + 'A')) |
	                 (pt_b64_range_mask(v, 26, 51) & (v - 26 + 'a')) |
	                 (pt_b64_range_mask(v, 52, 61) & (v - 52 + '0')) |
	                 (pt_b64_range_mask(v, 62, 62) & '+') |
	                 (pt_b64_range_mask(v, 63, 63) & '/'));
}

/* The value 0..63 of an alphabet byte, or -1 for any other byte ('='
 * included: padding is handled by the caller). */
static int pt_b64_value(unsigned c)
{
	unsigned upper = pt_b64_range_mask(c, 'A', 'Z');
	unsigned lower = pt_b64_range_mask(c, 'a', 'z');
	unsigned digit = pt_b64_range_mask(c, '0', '9');
	unsigned plus = pt_b64_range_mask(c, '+', '+');
	unsigned slash = pt_b64_range_mask(c, '/', '/');
	unsigned v = (upper & (c - 'A')) | (lower & (c - 'a' + 26)) | (digit & (c - '0' + 52)) |
	             (plus & 62) | (slash & 63);

	return (upper | lower | digit | plus | slash) != 0 ? (int)v : -1;
}

size_t pt_b64_encoded_len(size_t n)
{
	size_t quanta = n / 3 + (n % 3 != 0);

	return quanta > SIZE_MAX / 4 ? SIZE_MAX : quanta * 4;
}

size_t pt_b64_decoded_max(size_t n)
{
	return n / 4 * 3;
}

int pt_b64_encode(struct pt_wbuf *w, const void *src, size_t n)
{
	const uint8_t *s = src;
	uint8_t *d;
	size_t i;
	uint32_t x;

	if (w->err)
		return -1;
	if (n == 0)
		return 0;
	if (s == NULL)
		return pt_wbuf_fail(w);
	d = pt_wbuf_claim(w, pt_b64_encoded_len(n));
	if (d == NULL)
		return -1;
	for (i = 0; n - i >= 3; i += 3, d += 4) {
		x = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
		d[0] = pt_b64_char(x >> 18);
		d[1] = pt_b64_char(x >> 12 & 0x3f);
		d[2] = pt_b64_char(x >> 6 & 0x3f);
		d[3] = pt_b64_char(x & 0x3f);
	}
	/* RFC 4648 §4: a final quantum of 8 or 16 bits gives two or three
	 * characters, then "==" or "=". */
	if (n - i == 1) {
		x = (uint32_t)s[i] << 16;
		d[0] = pt_b64_char(x >> 18);
		d[1] = pt_b64_char(x >> 12 & 0x3f);
		d[2] = PT_B64_PAD;
		d[3] = PT_B64_PAD;
	} else if (n - i == 2) {
		x = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
		d[0] = pt_b64_char(x >> 18);
		d[1] = pt_b64_char(x >> 12 & 0x3f);
		d[2] = pt_b64_char(x >> 6 & 0x3f);
		d[3] = PT_B64_PAD;
	}
	return 0;
}

/* Decodes the 4 bytes at q into out.  Padding is allowed only when last is
 * set.  Returns the number of bytes decoded (1..3), or -1. */
static int pt_b64_quantum(const uint8_t *q, int last, uint8_t out[3])
{
	int a = pt_b64_value(q[0]);
	int b = pt_b64_value(q[1]);
	int c, d;

	if (a < 0 || b < 0)
		return -1;
	out[0] = (uint8_t)(a << 2 | b >> 4);
	if (last && q[2] == PT_B64_PAD && q[3] == PT_B64_PAD)
		return (b & 0x0f) == 0 ? 1 : -1; /* RFC 4648 §3.5: pad bits zero */
	c = pt_b64_value(q[2]);
	if (c < 0)
		return -1;
	out[1] = (uint8_t)((b & 0x0f) << 4 | c >> 2);
	if (last && q[3] == PT_B64_PAD)
		return (c & 0x03) == 0 ? 2 : -1; /* RFC 4648 §3.5: pad bits zero */
	d = pt_b64_value(q[3]);
	if (d < 0)
		return -1;
	out[2] = (uint8_t)((c & 0x03) << 6 | d);
	return 3;
}

/* One pass over s[0..n), n a non-zero multiple of 4: checks every quantum,
 * stores the decoded length in *total and, if dst is not NULL, the bytes. */
static int pt_b64_scan(uint8_t *dst, size_t *total, const uint8_t *s, size_t n)
{
	uint8_t out[3];
	volatile uint8_t *wipe = out;
	size_t len = 0;
	int r = 0;

	for (size_t i = 0; i < n; i += 4) {
		int k = pt_b64_quantum(s + i, n - i == 4, out);

		if (k < 0) {
			r = -1;
			break;
		}
		if (dst != NULL)
			memcpy(dst + len, out, (size_t)k);
		len += (size_t)k;
	}
	/* The scratch may hold password bytes: do not leave them on the stack
	 * (volatile so the stores are not optimised away). */
	for (size_t i = 0; i < sizeof(out); i++)
		wipe[i] = 0;
	*total = len;
	return r;
}

int pt_b64_decode(uint8_t *dst, size_t cap, size_t *outlen, const void *src, size_t n)
{
	size_t need;

	*outlen = 0;
	if (n == 0)
		return 0;
	if (src == NULL || n % 4 != 0)
		return -1;
	if (pt_b64_scan(NULL, &need, src, n) < 0)
		return -1;
	if (need > cap || dst == NULL) {
		*outlen = need;
		return -2;
	}
	/* Cannot fail: the same bytes passed the first pass. */
	pt_b64_scan(dst, outlen, src, n);
	return 0;
}
