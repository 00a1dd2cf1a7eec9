/*
 * Target: grammar/sieve_resp.rl - ManageSieve backend lines during the login.
 *
 * The input is read as a stream of lines, parsed whole and in chunks of
 * 1..8 bytes (from the first byte, whose bit 3 also makes the literal room
 * 16 bytes instead of 4096); both runs must agree line by line.
 * Invariants: off never goes back and never passes len; a DONE line ends
 * in CRLF, its kind is one of the four, and a STRING line's name lies
 * inside the line; OK, NO and BYE lines start with their word.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/sieve_resp.h"

struct res { enum pt_parse_status st; size_t off; int kind; uint32_t noff, nlen; };

static int starts_ci(const uint8_t *l, size_t n, const char *w)
{
	size_t k = strlen(w);

	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if ((l[i] | 0x20) != (w[i] | 0x20))
			return 0;
	return 1;
}

static size_t run(const uint8_t *d, size_t n, size_t step, size_t maxlit, struct res *out,
                  size_t max)
{
	size_t base = 0, k = 0;

	while (base < n && k < max) {
		struct pt_sieve_resp_parser p;
		enum pt_parse_status st = PT_PARSE_MORE;
		size_t avail = 0, last = 0;

		pt_sieve_resp_init(&p, maxlit);
		while (st == PT_PARSE_MORE && avail < n - base) {
			avail += step;
			if (avail > n - base)
				avail = n - base;
			st = pt_sieve_resp_parse(&p, d + base, avail);
			if (p.off < last || p.off > avail)
				abort();
			last = p.off;
		}
		memset(&out[k], 0, sizeof(out[k]));
		out[k].st = st;
		out[k].off = p.off;
		if (st == PT_PARSE_DONE) {
			const uint8_t *l = d + base;
			out[k].kind = (int)p.kind;
			if (p.off < 4 || l[p.off - 2] != '\r' || l[p.off - 1] != '\n')
				abort();
			switch (p.kind) {
			case PT_SIEVE_RESP_STRING:
				if (p.name.off > p.off || p.name.len > p.off - p.name.off)
					abort();
				out[k].noff = p.name.off;
				out[k].nlen = p.name.len;
				break;
			case PT_SIEVE_RESP_OK:
				if (!starts_ci(l, p.off, "OK"))
					abort();
				break;
			case PT_SIEVE_RESP_NO:
				if (!starts_ci(l, p.off, "NO"))
					abort();
				break;
			case PT_SIEVE_RESP_BYE:
				if (!starts_ci(l, p.off, "BYE"))
					abort();
				break;
			default:
				abort();
			}
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
	size_t step, maxlit;

	if (n < 1 || n > 4096)
		return 0;
	step = 1 + d[0] % 8;
	maxlit = d[0] & 8 ? 16 : 4096;
	size_t ka = run(d + 1, n - 1, n, maxlit, a, 256);
	size_t kb = run(d + 1, n - 1, step, maxlit, b, 256);
	if (ka != kb || memcmp(a, b, ka * sizeof(a[0])) != 0)
		abort();
	return 0;
}
