/*
 * buf.c - bounded read cursor and bounded writer (see buf.h for the contract).
 *
 * Implementation notes:
 * - Every check compares the request against the room left (len - off,
 *   cap - len), which cannot wrap; the sums off + n and len + n are formed
 *   only after the check has passed.
 * - A NULL base pointer (allowed with a zero length) is never offset: pointer
 *   arithmetic on NULL is undefined even with a zero offset, and memcpy with
 *   a NULL argument is undefined even with a zero length (C11 7.24.1p2).
 * - Integers are formatted into a local buffer first (at most 20 digits plus
 *   a sign), then written with one pt_wbuf_put, so they are all-or-nothing.
 */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h> /* vsnprintf only: this layer does no I/O */
#include <string.h>

/* Longest decimal uint64_t is 18446744073709551615 (20 digits); one more for
 * the sign of an int64_t. */
#define PT_BUF_DEC_MAX 21

/* Stands in for a NULL base so that take(0) can return a non-NULL pointer. */
static const uint8_t pt_rcur_empty[1];

void pt_rcur_init(struct pt_rcur *c, const void *p, size_t len)
{
	c->p = p != NULL ? p : pt_rcur_empty;
	c->len = p != NULL ? len : 0;
	c->off = 0;
	c->err = 0;
}

size_t pt_rcur_left(const struct pt_rcur *c)
{
	return c->err ? 0 : c->len - c->off;
}

/* The one place a read is granted: returns the start of n bytes and moves
 * past them, or fails (sticky) without moving. */
static const uint8_t *pt_rcur_claim(struct pt_rcur *c, size_t n)
{
	const uint8_t *q;

	if (c->err)
		return NULL;
	if (n > c->len - c->off) {
		c->err = 1;
		return NULL;
	}
	q = c->p + c->off;
	c->off += n;
	return q;
}

int pt_rcur_get_u8(struct pt_rcur *c, uint8_t *v)
{
	const uint8_t *q = pt_rcur_claim(c, 1);

	*v = q != NULL ? q[0] : 0;
	return q != NULL ? 0 : -1;
}

int pt_rcur_get_be16(struct pt_rcur *c, uint16_t *v)
{
	const uint8_t *q = pt_rcur_claim(c, 2);

	*v = q != NULL ? (uint16_t)((unsigned)q[0] << 8 | q[1]) : 0;
	return q != NULL ? 0 : -1;
}

int pt_rcur_get_be32(struct pt_rcur *c, uint32_t *v)
{
	const uint8_t *q = pt_rcur_claim(c, 4);

	*v = q != NULL ? (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
	                 (uint32_t)q[2] << 8 | (uint32_t)q[3]
	               : 0;
	return q != NULL ? 0 : -1;
}

int pt_rcur_get_bytes(struct pt_rcur *c, void *dst, size_t n)
{
	const uint8_t *q = pt_rcur_claim(c, n);

	if (q == NULL)
		return -1;
	if (n > 0)
		memcpy(dst, q, n);
	return 0;
}

const uint8_t *pt_rcur_take(struct pt_rcur *c, size_t n)
{
	return pt_rcur_claim(c, n);
}

int pt_rcur_skip(struct pt_rcur *c, size_t n)
{
	return pt_rcur_claim(c, n) != NULL ? 0 : -1;
}

void pt_wbuf_init(struct pt_wbuf *w, void *mem, size_t cap)
{
	w->p = mem;
	w->cap = mem != NULL ? cap : 0;
	w->len = 0;
	w->err = 0;
}

void pt_wbuf_reset(struct pt_wbuf *w)
{
	w->len = 0;
	w->err = 0;
}

size_t pt_wbuf_room(const struct pt_wbuf *w)
{
	return w->err ? 0 : w->cap - w->len;
}

/* The single place err is set. */
int pt_wbuf_fail(struct pt_wbuf *w)
{
	w->err = 1;
	return -1;
}

int pt_wbuf_put(struct pt_wbuf *w, const void *p, size_t n)
{
	if (w->err)
		return -1;
	if (n == 0)
		return 0;
	if (p == NULL || n > w->cap - w->len)
		return pt_wbuf_fail(w);
	memcpy(w->p + w->len, p, n);
	w->len += n;
	return 0;
}

int pt_wbuf_putc(struct pt_wbuf *w, uint8_t c)
{
	return pt_wbuf_put(w, &c, 1);
}

int pt_wbuf_puts(struct pt_wbuf *w, const char *s)
{
	if (w->err)
		return -1;
	if (s == NULL)
		return pt_wbuf_fail(w);
	return pt_wbuf_put(w, s, strlen(s));
}

/* Writes the digits of v right-aligned in tmp[0..PT_BUF_DEC_MAX) and returns
 * the index of the first one. */
static size_t pt_buf_dec_fill(uint8_t tmp[PT_BUF_DEC_MAX], uint64_t v)
{
	size_t i = PT_BUF_DEC_MAX;

	do {
		tmp[--i] = (uint8_t)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return i;
}

int pt_wbuf_put_u64(struct pt_wbuf *w, uint64_t v)
{
	uint8_t tmp[PT_BUF_DEC_MAX];
	size_t i = pt_buf_dec_fill(tmp, v);

	return pt_wbuf_put(w, tmp + i, PT_BUF_DEC_MAX - i);
}

int pt_wbuf_put_i64(struct pt_wbuf *w, int64_t v)
{
	uint8_t tmp[PT_BUF_DEC_MAX];
	/* Negate in unsigned arithmetic: -INT64_MIN overflows int64_t, but
	 * 0 - (uint64_t)INT64_MIN is exactly 2^63. */
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t i = pt_buf_dec_fill(tmp, mag);

	if (v < 0)
		tmp[--i] = '-';
	return pt_wbuf_put(w, tmp + i, PT_BUF_DEC_MAX - i);
}

uint8_t *pt_wbuf_claim(struct pt_wbuf *w, size_t n)
{
	/* What claim(0) returns when there is no memory to point into. */
	static uint8_t pt_wbuf_nowhere[1];
	uint8_t *q;

	if (w->err)
		return NULL;
	if (n > w->cap - w->len) {
		pt_wbuf_fail(w);
		return NULL;
	}
	if (w->p == NULL)
		return pt_wbuf_nowhere;
	q = w->p + w->len;
	w->len += n;
	return q;
}

int pt_wbuf_put_hex(struct pt_wbuf *w, const void *p, size_t n, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	const uint8_t *src = p;
	uint8_t *dst;

	if (w->err)
		return -1;
	if (n == 0)
		return 0;
	/* n > SIZE_MAX / 2 cannot fit in any buffer; testing it first keeps
	 * 2 * n from wrapping into a small claim. */
	if (p == NULL || n > SIZE_MAX / 2)
		return pt_wbuf_fail(w);
	dst = pt_wbuf_claim(w, 2 * n);
	if (dst == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		dst[2 * i] = (uint8_t)digits[src[i] >> 4];
		dst[2 * i + 1] = (uint8_t)digits[src[i] & 0x0f];
	}
	return 0;
}

int pt_wbuf_fmt(struct pt_wbuf *w, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int r;

	if (w->err)
		return -1;
	room = w->cap - w->len;
	va_start(ap, fmt);
	/* With no room, hand vsnprintf (NULL, 0): it then only measures, and
	 * w->p (maybe NULL) is never offset. */
	r = vsnprintf(room > 0 ? (char *)(w->p + w->len) : NULL, room, fmt, ap);
	va_end(ap);
	if (r < 0)
		return pt_wbuf_fail(w);
	/* Empty text writes nothing, so it fits even a full buffer. */
	if (r > 0 && (size_t)r >= room)
		return pt_wbuf_fail(w);
	w->len += (size_t)r;
	return 0;
}

const char *pt_wbuf_cstr(struct pt_wbuf *w)
{
	if (w->err)
		return NULL;
	if (w->cap - w->len < 1) {
		pt_wbuf_fail(w);
		return NULL;
	}
	w->p[w->len] = 0;
	return (const char *)w->p;
}

size_t pt_wbuf_mark(const struct pt_wbuf *w)
{
	return w->len;
}

void pt_wbuf_rewind(struct pt_wbuf *w, size_t mark)
{
	if (mark < w->len)
		w->len = mark;
}
