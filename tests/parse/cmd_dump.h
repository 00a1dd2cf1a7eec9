/*
 * cmd_dump.h - what the client-command parse tests share (test_imap.c,
 * test_pop3.c, test_smtp.c, test_sieve.c): the text each run writes of its
 * results, and the three ways a vector is fed.
 */
#ifndef PT_TEST_CMD_DUMP_H
#define PT_TEST_CMD_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* One run's results as text, compared between the ways of feeding. */
struct dump { struct pt_wbuf w; uint8_t mem[8192]; };

/* Whole, split once at a cut, or byte by byte. */
enum feed { FEED_WHOLE, FEED_SPLIT, FEED_BYTES };

/* Bytes as text: printable ASCII as is, the rest as \xNN. */
static void put_bytes(struct pt_wbuf *w, const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 0x20 || s[i] > 0x7e)
			pt_wbuf_fmt(w, "\\x%02x", s[i]);
		else
			pt_wbuf_putc(w, s[i]);
	}
}

/* A space between items. */
static void sep(struct dump *d)
{
	if (d->w.len)
		pt_wbuf_putc(&d->w, ' ');
}

#endif
