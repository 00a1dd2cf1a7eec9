/*
 * buf.h - bounded read cursor and bounded writer over caller memory.
 *
 * Implementation notes:
 * - Neither object owns memory: pt_rcur reads from, and pt_wbuf writes into,
 *   a range the caller hands to *_init().  Nothing is allocated.
 * - Invariants: rcur.off <= rcur.len and wbuf.len <= wbuf.cap, always.  Every
 *   bound is checked as "n > room", never as "off + n > len", so no sum can
 *   wrap.
 * - Return convention: 0 ok, -1 failure.  The first failure sets `err` and is
 *   sticky: every later call on that object is a no-op that returns -1 (or
 *   NULL), so a sequence of puts/gets can be checked once at the end.
 * - A failed call changes nothing that the object reports: no partial write
 *   (len is unchanged), no partial read (off is unchanged).
 */
#ifndef PT_UTIL_BUF_H
#define PT_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>

/* Read cursor: bytes p[off..len) are still to be read. */
struct pt_rcur {
	const uint8_t *p;
	size_t len;
	size_t off;
	int err;
};

/* p may be NULL only when len is 0. */
void pt_rcur_init(struct pt_rcur *c, const void *p, size_t len);
/* Bytes left to read; 0 once err is set. */
size_t pt_rcur_left(const struct pt_rcur *c);
/* On failure the integer getters store 0 in *v, so a caller that forgets the
 * check reads a defined value rather than stack garbage. */
int pt_rcur_get_u8(struct pt_rcur *c, uint8_t *v);
int pt_rcur_get_be16(struct pt_rcur *c, uint16_t *v);
int pt_rcur_get_be32(struct pt_rcur *c, uint32_t *v);
/* Copies n bytes to dst; on failure dst is not touched. */
int pt_rcur_get_bytes(struct pt_rcur *c, void *dst, size_t n);
/* Pointer to the next n bytes (valid as long as the caller's memory is), or
 * NULL on failure.  take(0) on a healthy cursor returns a non-NULL pointer. */
const uint8_t *pt_rcur_take(struct pt_rcur *c, size_t n);
int pt_rcur_skip(struct pt_rcur *c, size_t n);

/* Writer: bytes p[0..len) have been written, p[len..cap) is room. */
struct pt_wbuf {
	uint8_t *p;
	size_t cap;
	size_t len;
	int err;
};

/* mem may be NULL only when cap is 0. */
void pt_wbuf_init(struct pt_wbuf *w, void *mem, size_t cap);
/* len = 0, err = 0: the only way to clear a sticky error. */
void pt_wbuf_reset(struct pt_wbuf *w);
/* Bytes that can still be written; 0 once err is set. */
size_t pt_wbuf_room(const struct pt_wbuf *w);
/* Exact fit is fine; on overflow nothing is written and err is set. */
int pt_wbuf_put(struct pt_wbuf *w, const void *p, size_t n);
int pt_wbuf_putc(struct pt_wbuf *w, uint8_t c);
int pt_wbuf_puts(struct pt_wbuf *w, const char *s);
/* Decimal, no sign for u64, '-' for negative i64 (INT64_MIN included). */
int pt_wbuf_put_u64(struct pt_wbuf *w, uint64_t v);
int pt_wbuf_put_i64(struct pt_wbuf *w, int64_t v);
/* Two hex digits per byte; upper != 0 selects A-F. */
int pt_wbuf_put_hex(struct pt_wbuf *w, const void *p, size_t n, int upper);
/* vsnprintf into the room.  vsnprintf always writes a terminating NUL, so the
 * text must be strictly shorter than the room: text that would fill the room
 * exactly is an overflow (empty text always fits).  On overflow, or an
 * encoding error, err is set and len is unchanged; bytes past len may have
 * been scribbled on. */
int pt_wbuf_fmt(struct pt_wbuf *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes a NUL at p[len] (not counted in len) and returns p; needs one spare
 * byte: without it, sets err and returns NULL.  NULL once err is set. */
const char *pt_wbuf_cstr(struct pt_wbuf *w);

/* Sets err and returns -1: for writers layered on pt_wbuf that detect a bad
 * argument themselves, so the failure is sticky like any other. */
int pt_wbuf_fail(struct pt_wbuf *w);

/* Reserves n bytes of room, counts them as written and returns where they
 * start; the caller must fill all n.  NULL (err set, nothing counted) if they
 * do not fit.  For writers that know their exact output length up front
 * (hex, base64): one bounds check, then plain stores.  claim(0) returns a
 * non-NULL pointer that must not be written through. */
uint8_t *pt_wbuf_claim(struct pt_wbuf *w, size_t n);

/* Helpers for writers built from several puts that want all-or-nothing
 * output: remember len, and on failure rewind to it.  Rewinding never clears
 * err and never moves len forward. */
size_t pt_wbuf_mark(const struct pt_wbuf *w);
void pt_wbuf_rewind(struct pt_wbuf *w, size_t mark);

#endif
