/*
 * proxy.c - the parts of proxy.h that are not grammar: the counted v2
 * address block (grammar/proxy.rl reads the 16 bytes before it), the v1
 * and v2 writers, and the text form of an address.
 *
 * Implementation notes.
 *   The v2 block is a length-checked struct (DESIGN.md §3): the length is
 *   checked against PT_PROXY_MAX and the family's block as soon as the 16
 *   header bytes are in, then nothing is read until all of it is, and the
 *   addresses go through a pt_rcur.  TLVs after the block are skipped.
 *   Every byte written goes through a pt_wbuf; a writer that runs out of
 *   room returns 0 and the caller sends nothing.
 *   Addresses are formatted here (src/proto may not call inet_ntop, see
 *   DESIGN.md §1); tests/parse/test_proxy.c and fuzz/fuzz_proxy.c check
 *   the text against inet_ntop(3).
 */
#include <string.h>

#include "proto/proxy.h"
#include "util/buf.h"

/* §2.2: "\x0D \x0A \x0D \x0A \x00 \x0D \x0A \x51 \x55 \x49 \x54 \x0A" */
static const uint8_t pt_proxy_v2_sig[12] = {
	0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
};

#define PT_PROXY_V2_LOCAL 0x20   /* version 2, command LOCAL */
#define PT_PROXY_V2_PROXY 0x21   /* version 2, command PROXY */
#define PT_PROXY_V2_UNSPEC 0x00
#define PT_PROXY_V2_TCP4 0x11
#define PT_PROXY_V2_TCP6 0x21
#define PT_PROXY_V2_LEN4 12      /* 2*4 + 2*2 */
#define PT_PROXY_V2_LEN6 36      /* 2*16 + 2*2 */
#define PT_PROXY_V2_LENUNIX 216  /* 2*108 */

/* §2.2 "In practice, the following protocol bytes are expected": the
 * address block each one needs.  -1 for any other byte (the grammar has
 * already refused those for PROXY). */
static long pt_proxy_v2_block_len(uint8_t fam)
{
	switch (fam) {
	case 0x00:
		return 0;
	case 0x11:
	case 0x12:
		return PT_PROXY_V2_LEN4;
	case 0x21:
	case 0x22:
		return PT_PROXY_V2_LEN6;
	case 0x31:
	case 0x32:
		return PT_PROXY_V2_LENUNIX;
	default:
		return -1;
	}
}

static enum pt_parse_status pt_proxy_v2_fail(struct pt_proxy_parser *P)
{
	P->off = PT_PROXY_V2_HEAD;
	P->status = PT_PARSE_INVALID;
	return P->status;
}

enum pt_parse_status pt_proxy_v2_block(struct pt_proxy_parser *P, const uint8_t *buf, size_t len)
{
	struct pt_rcur c;
	size_t alen;
	long need;

	if (P->v2_len > PT_PROXY_MAX - PT_PROXY_V2_HEAD)
		return pt_proxy_v2_fail(P);
	if (P->v2_cmd == 1) {
		/* A PROXY header too short for its own family is malformed, even
		 * for the families we then treat as UNSPEC. */
		need = pt_proxy_v2_block_len(P->v2_fam);
		if (need < 0 || P->v2_len < (unsigned long)need)
			return pt_proxy_v2_fail(P);
	}
	/* "the length of the protocol header in bytes is always exactly 16 +
	 * this value": wait for all of it. */
	if (len < PT_PROXY_V2_HEAD + (size_t)P->v2_len) {
		P->off = len;
		return PT_PARSE_MORE;
	}
	memset(&P->addr, 0, sizeof(P->addr));
	P->addr.family = PT_PROXY_AF_UNKNOWN;
	/* LOCAL: "must use the real connection endpoints and discard the
	 * protocol block".  UDP, UNIX, UNSPEC: "falls back to the UNSPEC mode". */
	if (P->v2_cmd == 1 && (P->v2_fam == PT_PROXY_V2_TCP4 || P->v2_fam == PT_PROXY_V2_TCP6)) {
		alen = P->v2_fam == PT_PROXY_V2_TCP4 ? 4 : 16;
		pt_rcur_init(&c, buf + PT_PROXY_V2_HEAD, P->v2_len);
		pt_rcur_get_bytes(&c, P->addr.src, alen);
		pt_rcur_get_bytes(&c, P->addr.dst, alen);
		pt_rcur_get_be16(&c, &P->addr.src_port);
		pt_rcur_get_be16(&c, &P->addr.dst_port);
		if (c.err) {
			memset(&P->addr, 0, sizeof(P->addr));
			return pt_proxy_v2_fail(P);
		}
		P->addr.family = alen == 4 ? PT_PROXY_AF_INET4 : PT_PROXY_AF_INET6;
	}
	P->off = PT_PROXY_V2_HEAD + (size_t)P->v2_len;
	P->status = PT_PARSE_DONE;
	return P->status;
}

/* ---- text forms ---------------------------------------------------------- */

static void pt_proxy_put_ip4(struct pt_wbuf *w, const uint8_t *ip)
{
	for (int i = 0; i < 4; i++) {
		if (i)
			pt_wbuf_putc(w, '.');
		pt_wbuf_put_u64(w, ip[i]);
	}
}

/* One group in lower-case hex without leading zeros (RFC 5952 §4.1, §4.3). */
static void pt_proxy_put_hex16(struct pt_wbuf *w, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t tmp[4];
	size_t n = 4;

	do {
		tmp[--n] = (uint8_t)hex[v & 15];
		v >>= 4;
	} while (v && n);
	pt_wbuf_put(w, tmp + n, 4 - n);
}

/* RFC 5952 §4.2: the longest run of two or more zero groups becomes "::",
 * the first of equally long ones.  mixed: as inet_ntop(3) (glibc, and
 * nginx's ngx_inet6_ntop alike for these), ::ffff:a.b.c.d and ::a.b.c.d
 * end in dotted IPv4 (RFC 5952 §5). */
static void pt_proxy_put_ip6(struct pt_wbuf *w, const uint8_t *ip, int mixed)
{
	unsigned g[8];
	int best = -1, best_len = 0, cur = -1, cur_len = 0;

	for (int i = 0; i < 8; i++) {
		g[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
		if (g[i] == 0) {
			if (cur < 0)
				cur = i, cur_len = 0;
			cur_len++;
			if (cur_len > best_len)
				best = cur, best_len = cur_len;
		} else {
			cur = -1;
		}
	}
	if (best_len < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				pt_wbuf_putc(w, ':');
			continue;
		}
		if (i)
			pt_wbuf_putc(w, ':');
		if (mixed && i == 6 && best == 0 &&
		    (best_len == 6 || (best_len == 5 && g[5] == 0xffff))) {
			pt_proxy_put_ip4(w, ip + 12);
			return;
		}
		pt_proxy_put_hex16(w, g[i]);
	}
	if (best >= 0 && best + best_len == 8)
		pt_wbuf_putc(w, ':');
}

static void pt_proxy_put_be16(struct pt_wbuf *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	pt_wbuf_put(w, b, 2);
}

/* ---- writers ------------------------------------------------------------- */

size_t pt_proxy_v1_write(const struct pt_proxy_addr *a, uint8_t *out, size_t cap)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, out, cap);
	switch (a->family) {
	case PT_PROXY_AF_UNKNOWN:
		/* §2.1: "For "UNKNOWN", the rest of the line before the CRLF may
		 * be omitted by the sender". */
		pt_wbuf_puts(&w, "PROXY UNKNOWN\r\n");
		return w.err ? 0 : w.len;
	case PT_PROXY_AF_INET4:
		pt_wbuf_puts(&w, "PROXY TCP4 ");
		pt_proxy_put_ip4(&w, a->src);
		pt_wbuf_putc(&w, ' ');
		pt_proxy_put_ip4(&w, a->dst);
		break;
	case PT_PROXY_AF_INET6:
		pt_wbuf_puts(&w, "PROXY TCP6 ");
		pt_proxy_put_ip6(&w, a->src, 0);
		pt_wbuf_putc(&w, ' ');
		pt_proxy_put_ip6(&w, a->dst, 0);
		break;
	default:
		return 0;
	}
	pt_wbuf_putc(&w, ' ');
	pt_wbuf_put_u64(&w, a->src_port);
	pt_wbuf_putc(&w, ' ');
	pt_wbuf_put_u64(&w, a->dst_port);
	pt_wbuf_puts(&w, "\r\n");
	return w.err ? 0 : w.len;
}

size_t pt_proxy_v2_write(const struct pt_proxy_addr *a, uint8_t *out, size_t cap)
{
	struct pt_wbuf w;
	size_t alen;

	pt_wbuf_init(&w, out, cap);
	pt_wbuf_put(&w, pt_proxy_v2_sig, sizeof(pt_proxy_v2_sig));
	switch (a->family) {
	case PT_PROXY_AF_UNKNOWN:
		/* §2.2: "The sender should use this family [UNSPEC] when sending
		 * LOCAL commands"; "it should not present any address so it sets
		 * this field to zero." */
		pt_wbuf_putc(&w, PT_PROXY_V2_LOCAL);
		pt_wbuf_putc(&w, PT_PROXY_V2_UNSPEC);
		pt_proxy_put_be16(&w, 0);
		return w.err ? 0 : w.len;
	case PT_PROXY_AF_INET4:
		pt_wbuf_putc(&w, PT_PROXY_V2_PROXY);
		pt_wbuf_putc(&w, PT_PROXY_V2_TCP4);
		pt_proxy_put_be16(&w, PT_PROXY_V2_LEN4);
		alen = 4;
		break;
	case PT_PROXY_AF_INET6:
		pt_wbuf_putc(&w, PT_PROXY_V2_PROXY);
		pt_wbuf_putc(&w, PT_PROXY_V2_TCP6);
		pt_proxy_put_be16(&w, PT_PROXY_V2_LEN6);
		alen = 16;
		break;
	default:
		return 0;
	}
	pt_wbuf_put(&w, a->src, alen);
	pt_wbuf_put(&w, a->dst, alen);
	pt_proxy_put_be16(&w, a->src_port);
	pt_proxy_put_be16(&w, a->dst_port);
	return w.err ? 0 : w.len;
}

size_t pt_proxy_addr_text(const struct pt_proxy_addr *a, int which_src, char *out, size_t cap)
{
	const uint8_t *ip = which_src ? a->src : a->dst;
	struct pt_wbuf w;

	pt_wbuf_init(&w, out, cap);
	switch (a->family) {
	case PT_PROXY_AF_INET4:
		pt_proxy_put_ip4(&w, ip);
		break;
	case PT_PROXY_AF_INET6:
		pt_proxy_put_ip6(&w, ip, 1);
		break;
	default:
		return 0;
	}
	if (pt_wbuf_cstr(&w) == NULL)
		return 0;
	return w.len;
}
