/* Target: grammar/status.rl - the metrics listener's request head (pt_status_parse). */
/*
 * Input: the bytes a client sends to status_listen.  The first byte also
 * seeds the chunk sizes (it is part of the request too, so the seeds are
 * plain requests).
 *
 * The input is read twice: whole, and in chunks of 1..16 bytes from a
 * generator seeded by the first byte.  Checked, abort() on a violation:
 *   - both reads end alike (status, offset, method, target, version);
 *   - p->off never goes back, stays <= len, and equals len on MORE;
 *   - on DONE the target lies inside [0, p->off], starts with '/', holds
 *     only visible ASCII and at most PT_STATUS_TARGET_MAX bytes; the
 *     method is one of the three; the head ends in LF LF or LF CR LF.
 * Every call in the chunked read gets a heap copy of exactly the bytes
 * offered, so ASan catches a read past len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/status.h"

static void check_call(const struct pt_status_parser *P, const uint8_t *buf,
                       enum pt_parse_status st, size_t before, size_t len)
{
	if (P->off < before || P->off > len)
		abort();
	if (st == PT_PARSE_MORE && P->off != len)
		abort();
	if (st != PT_PARSE_MORE && st != PT_PARSE_DONE && st != PT_PARSE_INVALID)
		abort();
	if (st != PT_PARSE_DONE)
		return;
	if (P->method < PT_STATUS_GET || P->method > PT_STATUS_OTHER || P->minor < 0 ||
	    P->minor > 9)
		abort();
	if (P->target.len == 0 || P->target.len > PT_STATUS_TARGET_MAX ||
	    (size_t)P->target.off + P->target.len > P->off || buf[P->target.off] != '/')
		abort();
	for (uint32_t i = 0; i < P->target.len; i++) {
		uint8_t c = buf[P->target.off + i];
		if (c < 0x21 || c > 0x7e)
			abort();
	}
	if (P->off < 2 || buf[P->off - 1] != '\n' ||
	    !(buf[P->off - 2] == '\n' || (P->off >= 3 && buf[P->off - 2] == '\r' &&
	                                  buf[P->off - 3] == '\n')))
		abort();
}

struct result {
	enum pt_parse_status st;
	size_t off;
	int method, minor;
	struct pt_span target;
};

static void take(struct result *r, const struct pt_status_parser *P, enum pt_parse_status st)
{
	memset(r, 0, sizeof(*r));
	r->st = st;
	r->off = P->off;
	if (st == PT_PARSE_DONE) {
		r->method = (int)P->method;
		r->minor = P->minor;
		r->target = P->target;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pt_status_parser P;
	struct result whole, part;
	enum pt_parse_status st;
	uint32_t seed = 0x9e3779b9u ^ (size ? data[0] : 0);
	unsigned maxc = 1 + (size ? data[0] % 16 : 0);
	size_t fed = 0;

	if (size > PT_STATUS_REQ_MAX * 4)
		return 0;
	pt_status_init(&P);
	st = pt_status_parse(&P, data, size);
	check_call(&P, data, st, 0, size);
	take(&whole, &P, st);

	pt_status_init(&P);
	st = PT_PARSE_MORE;
	while (fed < size && st == PT_PARSE_MORE) {
		size_t before = P.off;
		uint8_t *buf;

		fed = fz_feed_more(fed, size, maxc, &seed);
		buf = malloc(fed ? fed : 1);
		if (buf == NULL)
			abort();
		memcpy(buf, data, fed);
		st = pt_status_parse(&P, buf, fed);
		check_call(&P, buf, st, before, fed);
		free(buf);
	}
	take(&part, &P, st);
	if (size == 0)
		take(&part, &P, PT_PARSE_MORE);
	if (memcmp(&whole, &part, sizeof(whole)) != 0)
		abort();
	return 0;
}
