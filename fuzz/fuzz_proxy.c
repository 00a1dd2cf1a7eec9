/* Target: grammar/proxy.rl and src/proto/proxy.c - the PROXY protocol header (v1, v2). */
/*
 * Input: the first bytes of a connection; the header (if any) is parsed
 * from its start, what follows it is the client's.  The splits come from
 * a hash of the input, so the seeds are plain headers.
 *
 * The input is parsed three times: whole, cut in two at one point, and in
 * chunks of 1..32 bytes.  Every call in the split reads gets a heap copy
 * of exactly the bytes offered, so ASan catches a read past len.
 * Checked, abort() on a violation:
 *   - the three reads give the same status, off, version and address;
 *   - p->off never goes back, stays <= len, and equals len on MORE;
 *   - a plain reference reader (ref below: memchr, inet_pton, no Ragel)
 *     agrees: v2 exactly (status and off); v1 on DONE (same off and
 *     address), and never DONE where it says the line is bad, never MORE
 *     where a whole line is there;
 *   - after DONE: the address text is inet_ntop's, and for every family
 *     pt_proxy_v1_write and pt_proxy_v2_write, parsed back, give the same
 *     address (UNKNOWN included).
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"

#include "proto/proxy.h"

struct res {
	enum pt_parse_status st;
	size_t off;
	int version;
	struct pt_proxy_addr addr;   /* compared only after DONE */
};

static int same_addr(const struct pt_proxy_addr *a, const struct pt_proxy_addr *b)
{
	size_t alen = a->family == PT_PROXY_AF_INET4 ? 4 : a->family == PT_PROXY_AF_INET6 ? 16 : 0;

	if (a->family != b->family)
		return 0;
	if (alen == 0)
		return 1;
	return memcmp(a->src, b->src, alen) == 0 && memcmp(a->dst, b->dst, alen) == 0 &&
	       a->src_port == b->src_port && a->dst_port == b->dst_port;
}

static int same(const struct res *a, const struct res *b)
{
	if (a->st != b->st || a->off != b->off || a->version != b->version)
		return 0;
	return a->st != PT_PARSE_DONE || same_addr(&a->addr, &b->addr);
}

/* ---- reference reader --------------------------------------------------- */

/* §2.1 port: [0..65535], decimal, no leading zero. */
static int ref_port(const uint8_t *s, size_t n, uint16_t *out)
{
	uint32_t v = 0;

	if (n == 0 || n > 5 || (n > 1 && s[0] == '0'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	if (v > 65535)
		return 0;
	*out = (uint16_t)v;
	return 1;
}

static int ref_ip(int af, const uint8_t *s, size_t n, uint8_t *out)
{
	char tmp[64];

	if (n == 0 || n >= sizeof(tmp) || memchr(s, '\0', n) != NULL)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return inet_pton(af, tmp, out) == 1;
}

/* The line d[0..n) without its CRLF: 1 if a valid v1 header. */
static int ref_v1_line(const uint8_t *d, size_t n, struct pt_proxy_addr *a)
{
	const uint8_t *f[4];
	size_t fl[4], k = 0, start;
	int af;

	memset(a, 0, sizeof(*a));
	if (memchr(d, '\r', n) != NULL || n < 13 || memcmp(d, "PROXY ", 6) != 0)
		return 0;
	if (memcmp(d + 6, "UNKNOWN", 7) == 0)
		return 1;
	if (n < 11 || (memcmp(d + 6, "TCP4 ", 5) != 0 && memcmp(d + 6, "TCP6 ", 5) != 0))
		return 0;
	af = d[9] == '4' ? AF_INET : AF_INET6;
	start = 11;
	for (size_t i = 11; i <= n; i++) {
		if (i == n || d[i] == ' ') {
			if (k == 4)
				return 0;
			f[k] = d + start;
			fl[k++] = i - start;
			start = i + 1;
		}
	}
	if (k != 4 || !ref_ip(af, f[0], fl[0], a->src) || !ref_ip(af, f[1], fl[1], a->dst) ||
	    !ref_port(f[2], fl[2], &a->src_port) || !ref_port(f[3], fl[3], &a->dst_port))
		return 0;
	a->family = af == AF_INET ? PT_PROXY_AF_INET4 : PT_PROXY_AF_INET6;
	return 1;
}

/* v1: DONE with off, INVALID (off not known: 0), or MORE. */
static void ref_v1(const uint8_t *d, size_t n, struct res *r)
{
	size_t lim = n < PT_PROXY_V1_MAX ? n : PT_PROXY_V1_MAX;
	const uint8_t *lf = memchr(d, '\n', lim);

	r->version = 1;
	if (lf == NULL) {
		r->st = lim == PT_PROXY_V1_MAX ? PT_PARSE_INVALID : PT_PARSE_MORE;
		return;
	}
	r->st = PT_PARSE_INVALID;
	if (lf == d || lf[-1] != '\r')
		return;
	if (ref_v1_line(d, (size_t)(lf - d) - 1, &r->addr)) {
		r->st = PT_PARSE_DONE;
		r->off = (size_t)(lf - d) + 1;
	}
}

/* v2, exactly (status and off). */
static void ref_v2(const uint8_t *d, size_t n, struct res *r)
{
	static const uint8_t sig[12] = "\r\n\r\n\0\r\nQUIT\n";
	size_t len, need, alen;
	uint8_t cmd, fam;

	r->version = 2;
	r->st = PT_PARSE_INVALID;
	for (size_t i = 0; i < 12 && i < n; i++)
		if (d[i] != sig[i]) {
			r->off = i + 1;
			return;
		}
	if (n < 13)
		goto more;
	if (d[12] != 0x20 && d[12] != 0x21) {
		r->off = 13;
		return;
	}
	if (n < 14)
		goto more;
	cmd = d[12] & 0xf;
	fam = d[13];
	switch (fam) {
	case 0x00: need = 0; break;
	case 0x11: case 0x12: need = 12; break;
	case 0x21: case 0x22: need = 36; break;
	case 0x31: case 0x32: need = 216; break;
	default: need = SIZE_MAX; break;
	}
	if (cmd == 1 && need == SIZE_MAX) {
		r->off = 14;
		return;
	}
	if (n < 16)
		goto more;
	len = (size_t)d[14] << 8 | d[15];
	if (len > PT_PROXY_MAX - 16 || (cmd == 1 && len < need)) {
		r->off = 16;
		return;
	}
	if (n < 16 + len)
		goto more;
	r->st = PT_PARSE_DONE;
	r->off = 16 + len;
	memset(&r->addr, 0, sizeof(r->addr));
	if (cmd == 1 && (fam == 0x11 || fam == 0x21)) {
		alen = fam == 0x11 ? 4 : 16;
		r->addr.family = fam == 0x11 ? PT_PROXY_AF_INET4 : PT_PROXY_AF_INET6;
		memcpy(r->addr.src, d + 16, alen);
		memcpy(r->addr.dst, d + 16 + alen, alen);
		r->addr.src_port = (uint16_t)(d[16 + 2 * alen] << 8 | d[17 + 2 * alen]);
		r->addr.dst_port = (uint16_t)(d[18 + 2 * alen] << 8 | d[19 + 2 * alen]);
	}
	return;
more:
	r->st = PT_PARSE_MORE;
	r->off = n;
}

static void check_ref(const uint8_t *d, size_t n, const struct res *got)
{
	struct res want;

	memset(&want, 0, sizeof(want));
	if (n == 0) {
		want.st = PT_PARSE_MORE;
	} else if (d[0] == 'P') {
		ref_v1(d, n, &want);
		/* MORE from ref: no line end yet, the parser may already know
		 * the line is bad. */
		if (got->version != 1 || (got->st != want.st &&
		                          !(want.st == PT_PARSE_MORE && got->st == PT_PARSE_INVALID)))
			abort();
		if (want.st == PT_PARSE_DONE && (got->off != want.off || !same_addr(&got->addr, &want.addr)))
			abort();
		return;
	} else if (d[0] == '\r') {
		ref_v2(d, n, &want);
	} else {
		want.st = PT_PARSE_INVALID;
		want.off = 1;
	}
	if (!same(got, &want))
		abort();
}

/* ---- the parser under test -------------------------------------------- */

/* One call on a heap copy of exactly d[0..len). */
static enum pt_parse_status call(struct pt_proxy_parser *p, const uint8_t *d, size_t len)
{
	uint8_t *buf = malloc(len ? len : 1);
	size_t before = p->off;
	enum pt_parse_status st;

	if (buf == NULL)
		abort();
	memcpy(buf, d, len);
	st = pt_proxy_parse(p, buf, len);
	free(buf);
	if (p->off < before || p->off > len || (st == PT_PARSE_MORE && p->off != len))
		abort();
	if (st != PT_PARSE_MORE && st != PT_PARSE_DONE && st != PT_PARSE_INVALID)
		abort();
	return st;
}

static void take(struct res *r, const struct pt_proxy_parser *p, enum pt_parse_status st)
{
	memset(r, 0, sizeof(*r));
	r->st = st;
	r->off = p->off;
	r->version = p->version;
	if (st == PT_PARSE_DONE)
		r->addr = p->addr;
}

/* Feed d[0..n): cut in two at cut, or (cut > n) in chunks of 1..32 bytes
 * drawn from seed. */
static void read_split(const uint8_t *d, size_t n, uint32_t seed, size_t cut, struct res *r)
{
	struct pt_proxy_parser p;
	enum pt_parse_status st = PT_PARSE_MORE;
	size_t fed = 0;

	pt_proxy_init(&p);
	if (cut <= n) {
		st = call(&p, d, cut);
		if (st == PT_PARSE_MORE)
			st = call(&p, d, n);
	} else {
		while (st == PT_PARSE_MORE && fed < n) {
			fed = fz_feed_more(fed, n, 32, &seed);
			st = call(&p, d, fed);
		}
		if (n == 0)
			st = call(&p, d, 0);
	}
	take(r, &p, st);
}

/* ---- after DONE: text and writers -------------------------------------- */

static void check_text(const struct pt_proxy_addr *a)
{
	char got[PT_PROXY_ADDR_TEXT_MAX], want[INET6_ADDRSTRLEN];
	int af;

	if (a->family == PT_PROXY_AF_UNKNOWN) {
		if (pt_proxy_addr_text(a, 1, got, sizeof(got)) != 0)
			abort();
		return;
	}
	af = a->family == PT_PROXY_AF_INET4 ? AF_INET : AF_INET6;
	for (int which = 0; which < 2; which++) {
		size_t n = pt_proxy_addr_text(a, which, got, sizeof(got));
		if (inet_ntop(af, which ? a->src : a->dst, want, sizeof(want)) == NULL)
			abort();
		if (n != strlen(want) || strcmp(got, want) != 0)
			abort();
	}
}

static void check_write(size_t (*w)(const struct pt_proxy_addr *, uint8_t *, size_t),
                        const struct pt_proxy_addr *a, int version)
{
	uint8_t out[256];
	struct pt_proxy_parser p;
	size_t n = w(a, out, sizeof(out));

	if (n == 0 || (version == 1 && n > PT_PROXY_V1_MAX))
		abort();
	if (w(a, out, n - 1) != 0)
		abort();
	pt_proxy_init(&p);
	if (pt_proxy_parse(&p, out, n) != PT_PARSE_DONE || p.off != n || p.version != version ||
	    !same_addr(&p.addr, a))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pt_proxy_parser p;
	struct res whole, cut, chunks;
	uint32_t h = 2166136261u;

	if (size > 2 * PT_PROXY_MAX)
		return 0;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;

	pt_proxy_init(&p);
	take(&whole, &p, pt_proxy_parse(&p, data, size));
	if (whole.st == PT_PARSE_MORE && whole.off != size)
		abort();
	check_ref(data, size, &whole);

	read_split(data, size, 0, h % (size + 1), &cut);
	read_split(data, size, h | 1, SIZE_MAX, &chunks);
	if (!same(&whole, &cut) || !same(&whole, &chunks))
		abort();

	if (whole.st == PT_PARSE_DONE) {
		check_text(&whole.addr);
		check_write(pt_proxy_v1_write, &whole.addr, 1);
		check_write(pt_proxy_v2_write, &whole.addr, 2);
	}
	return 0;
}
