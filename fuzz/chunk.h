/*
 * chunk.h - the chunked reading the fuzz targets share.  fz_next() and
 * fz_feed_more() make the chunk sizes for all of them.
 *
 * The command-line targets (fuzz_imap, fuzz_pop3, fuzz_smtp, fuzz_sieve)
 * also share their entry point, FZ_CHUNK_TARGET().  Byte 0 of the input is
 * the set-up and seeds the chunk sizes; the rest is read by the target's
 * fz_read() once whole and once in chunks of 1 to 16 bytes, and both
 * readings must give the same results (hash) and as many items.
 *
 * The target defines FZ_MAX_INPUT, struct fz_run (with uint64_t h and
 * size_t items) and
 *   static void fz_read(struct fz_run *R, uint8_t *b, size_t n,
 *                       uint8_t setup, int chunked);
 * then ends with FZ_CHUNK_TARGET().
 */
#ifndef FZ_CHUNK_H
#define FZ_CHUNK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* xorshift32: any sequence will do, it only has to be the same each run. */
static uint32_t fz_next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* The next chunk's end: 1 to max bytes past fed, never past n. */
static size_t fz_feed_more(size_t fed, size_t n, unsigned max, uint32_t *x)
{
	fed += 1 + fz_next(x) % max;
	return fed > n ? n : fed;
}

/* The entry point: both readings of one heap copy of the input. */
#define FZ_CHUNK_TARGET()                                                         \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);             \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)              \
	{                                                                         \
		struct fz_run whole, chunks;                                      \
		uint8_t *b;                                                       \
		size_t n;                                                         \
                                                                                  \
		if (size < 1 || size > FZ_MAX_INPUT)                              \
			return 0;                                                 \
		n = size - 1;                                                     \
		if ((b = malloc(n ? n : 1)) == NULL)                              \
			return 0;                                                 \
		memcpy(b, data + 1, n);                                           \
		fz_read(&whole, b, n, data[0], 0);                                \
		fz_read(&chunks, b, n, data[0], 1);                               \
		if (whole.h != chunks.h || whole.items != chunks.items)           \
			abort();                                                  \
		free(b);                                                          \
		return 0;                                                         \
	}

#endif
