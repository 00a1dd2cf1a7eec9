/*
 * Target: grammar/pop3_resp.rl - POP3 backend status lines.
 *
 * The input is read as a stream of lines, parsed whole and in chunks of
 * 1..8 bytes (from the first byte); both runs must agree line by line.
 * Invariants: off never goes back and never passes len; a DONE line ends
 * in CRLF and starts with "+OK" or "-ERR" as its status says.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/pop3_resp.h"

struct res { enum pt_parse_status st; size_t off; int status; };

static size_t run(const uint8_t *d, size_t n, size_t step, struct res *out, size_t max)
{
	size_t base = 0, k = 0;

	while (base < n && k < max) {
		struct pt_pop3_resp_parser p;
		enum pt_parse_status st = PT_PARSE_MORE;
		size_t avail = 0, last = 0;

		pt_pop3_resp_init(&p);
		while (st == PT_PARSE_MORE && avail < n - base) {
			avail += step;
			if (avail > n - base)
				avail = n - base;
			st = pt_pop3_resp_parse(&p, d + base, avail);
			if (p.off < last || p.off > avail)
				abort();
			last = p.off;
		}
		out[k].st = st;
		out[k].off = p.off;
		out[k].status = st == PT_PARSE_DONE ? (int)p.status : 0;
		if (st == PT_PARSE_DONE) {
			const uint8_t *l = d + base;
			if (p.off < 5 || l[p.off - 2] != '\r' || l[p.off - 1] != '\n')
				abort();
			if (p.status == PT_POP3_STATUS_OK ? memcmp(l, "+OK", 3) : memcmp(l, "-ERR", 4))
				abort();
		}
		k++;
		if (st == PT_PARSE_MORE || p.off == 0)
			break;
		base += p.off;
	}
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct res a[256], b[256];
	size_t step;

	if (n < 1 || n > 4096)
		return 0;
	step = 1 + d[0] % 8;
	size_t ka = run(d + 1, n - 1, n, a, 256);
	size_t kb = run(d + 1, n - 1, step, b, 256);
	if (ka != kb || memcmp(a, b, ka * sizeof(a[0])) != 0)
		abort();
	return 0;
}
