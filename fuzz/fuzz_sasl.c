/*
 * Target: grammar/sasl.rl - SASL PLAIN, CRAM-MD5, XOAUTH2 and OAUTHBEARER
 * responses, alone and behind util/base64's strict decoder, the path the
 * core takes.
 *
 * Input: byte 0 is the mode, the rest the payload.
 *   bits 0, 6 mechanism: 0 PLAIN, 1 CRAM-MD5, 64 XOAUTH2, 65 OAUTHBEARER
 *   bit 1     the payload is base64: pt_b64_decode it first (invalid
 *             base64 ends the run: the core answers it before any split)
 *   bits 2-5, 7  chunking: 0 feeds byte by byte, else a seed for chunk
 *             sizes of 1 .. 4 * (bits 2-5) + 1 bytes
 * The parsed bytes sit in a buffer of exactly their length, so ASan sees
 * any read past the end.
 *
 * Checked on every input (abort() on a violation):
 *   - whole (one final call) and chunked (len growing with final=0, then
 *     final=1) agree on status, p->off, spans and flags;
 *   - never DONE before final, never MORE at final, and an early INVALID
 *     stays the answer;
 *   - a reference split written straight from the rules of sasl.h agrees
 *     on DONE/INVALID, p->off, every span and both flags;
 *   - on DONE: spans inside the input, user and secret disjoint, PLAIN
 *     parts free of NUL and joined by NULs, a CRAM-MD5 digest of exactly
 *     32 hex digits ending the input, flags == pt_sasl_has_ctl();
 *   - nginx differential (ngx_mail_auth_plain / ngx_mail_auth_cram_md5
 *     modelled below): where we accept, nginx accepts the same split;
 *     where only nginx accepts, it is one of the deviations sasl.h lists.
 *   - XOAUTH2 and OAUTHBEARER (no reference split; the grammar is the
 *     rule): on DONE the user and token sit where the format puts them
 *     (XOAUTH2: "user=" user %x01 "auth=Bearer" ... token %x01 %x01 at
 *     the end; OAUTHBEARER: "a=" user "," and token %x01), the token
 *     starts with no blank, pt_sasl_gs2_unescape never grows the user,
 *     and the flags equal pt_sasl_has_ctl() (XOAUTH2) or the CR/LF test
 *     (OAUTHBEARER, where NUL cannot occur).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/sasl.h"
#include "util/base64.h"

struct fz_res {
	enum pt_parse_status st;
	size_t off;
	struct pt_span authzid, user, secret;
	int uctl, sctl;
};

static void fz_take(struct fz_res *r, const struct pt_sasl_parser *sp, enum pt_parse_status st)
{
	memset(r, 0, sizeof(*r));
	r->st = st;
	r->off = sp->off;
	r->authzid = sp->authzid;
	r->user = sp->user;
	r->secret = sp->secret;
	r->uctl = sp->user_has_ctl;
	r->sctl = sp->secret_has_ctl;
}

static int fz_span_eq(struct pt_span a, struct pt_span b)
{
	return a.off == b.off && a.len == b.len;
}

static int fz_res_eq(const struct fz_res *a, const struct fz_res *b)
{
	return a->st == b->st && a->off == b->off && fz_span_eq(a->authzid, b->authzid) &&
	       fz_span_eq(a->user, b->user) && fz_span_eq(a->secret, b->secret) &&
	       a->uctl == b->uctl && a->sctl == b->sctl;
}

static int fz_crlf(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == '\r' || p[i] == '\n')
			return 1;
	return 0;
}

static int fz_hex(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static struct pt_span fz_span(size_t off, size_t len)
{
	struct pt_span s = { (uint32_t)off, (uint32_t)len };
	return s;
}

/* The rules of sasl.h, written as plain loops. */
static void fz_reference(struct fz_res *r, enum pt_sasl_mech mech, const uint8_t *d, size_t n)
{
	size_t lim = n > PT_SASL_MAX ? PT_SASL_MAX : n;
	size_t nul[3], nn = 0, ls = SIZE_MAX;

	memset(r, 0, sizeof(*r));
	r->st = PT_PARSE_INVALID;
	if (mech == PT_SASL_PLAIN) {
		for (size_t i = 0; i < lim && nn < 3; i++)
			if (d[i] == 0)
				nul[nn++] = i;
		if (nn == 3) {
			r->off = nul[2] + 1;
			return;
		}
	} else {
		for (size_t i = 0; i < lim; i++) {
			if (d[i] == 0) {
				r->off = i + 1;
				return;
			}
		}
	}
	if (n > PT_SASL_MAX) {
		r->off = PT_SASL_MAX + 1;
		return;
	}
	r->off = n;
	if (mech == PT_SASL_PLAIN) {
		if (nn != 2)
			return;
		r->authzid = fz_span(0, nul[0]);
		r->user = fz_span(nul[0] + 1, nul[1] - nul[0] - 1);
		r->secret = fz_span(nul[1] + 1, n - nul[1] - 1);
		r->sctl = fz_crlf(d + r->secret.off, r->secret.len);
	} else {
		for (size_t i = 0; i < n; i++)
			if (d[i] == ' ')
				ls = i;
		if (ls == SIZE_MAX || ls == 0 || n - ls - 1 != PT_SASL_CRAM_DIGEST_LEN)
			return;
		for (size_t i = ls + 1; i < n; i++)
			if (!fz_hex(d[i]))
				return;
		r->user = fz_span(0, ls);
		r->secret = fz_span(ls + 1, PT_SASL_CRAM_DIGEST_LEN);
	}
	r->uctl = fz_crlf(d + r->user.off, r->user.len);
	r->st = PT_PARSE_DONE;
}

/* nginx's split (src/mail/ngx_mail_handler.c), 1 if it accepts. */
static int fz_nginx(enum pt_sasl_mech mech, const uint8_t *d, size_t n, struct pt_span *login,
                    struct pt_span *passwd)
{
	size_t p = 0;

	if (mech == PT_SASL_PLAIN) {
		while (p < n && d[p++]) { /* void */ }
		if (p == n)
			return 0;
		login->off = (uint32_t)p;
		while (p < n && d[p])
			p++;
		if (p == n)
			return 0;
		login->len = (uint32_t)(p - login->off);
		p++;
		*passwd = fz_span(p, n - p);
		return 1;
	}
	*login = fz_span(0, n);
	*passwd = fz_span(0, 0);
	while (p < n) {
		if (d[p++] == ' ') {
			login->len = (uint32_t)(p - 1);
			*passwd = fz_span(p, n - p);
			break;
		}
	}
	return passwd->len == 32;
}

static void fz_check_done(const struct fz_res *r, enum pt_sasl_mech mech, const uint8_t *d, size_t n)
{
	const struct pt_span u = r->user, s = r->secret;

	if (r->off != n || n > PT_SASL_MAX)
		abort();
	if ((size_t)u.off + u.len > n || (size_t)s.off + s.len > n ||
	    (size_t)r->authzid.off + r->authzid.len > n)
		abort();
	if (u.off + u.len > s.off && s.off + s.len > u.off && u.len && s.len)
		abort();    /* overlap */
	if (u.off + u.len > s.off)
		abort();    /* user comes first in both mechanisms */
	if (r->uctl != pt_sasl_has_ctl(d + u.off, u.len) ||
	    r->sctl != pt_sasl_has_ctl(d + s.off, s.len))
		abort();
	if (mech == PT_SASL_PLAIN) {
		if (memchr(d + u.off, 0, u.len) || memchr(d + s.off, 0, s.len) ||
		    memchr(d, 0, r->authzid.len))
			abort();
		if (r->authzid.off != 0 || u.off != r->authzid.len + 1 || d[u.off - 1] != 0 ||
		    s.off != u.off + u.len + 1 || d[s.off - 1] != 0 || s.off + s.len != n)
			abort();
	} else {
		if (u.off != 0 || u.len == 0 || memchr(d, 0, u.len) || r->authzid.len || r->sctl)
			abort();
		if (s.len != PT_SASL_CRAM_DIGEST_LEN || s.off != u.len + 1 || d[u.len] != ' ' ||
		    s.off + s.len != n)
			abort();
		for (size_t i = 0; i < s.len; i++)
			if (!fz_hex(d[s.off + i]))
				abort();
	}
}

static void fz_check_nginx(const struct fz_res *r, enum pt_sasl_mech mech, const uint8_t *d, size_t n)
{
	struct pt_span login = { 0, 0 }, passwd = { 0, 0 };
	int ngx = fz_nginx(mech, d, n, &login, &passwd);

	if (mech == PT_SASL_PLAIN) {
		if (r->st == PT_PARSE_DONE && (!ngx || !fz_span_eq(login, r->user) ||
		                               !fz_span_eq(passwd, r->secret)))
			abort();
		/* Only nginx accepts: a NUL in the password, or over the bound. */
		if (r->st != PT_PARSE_DONE && ngx && n <= PT_SASL_MAX &&
		    memchr(d + passwd.off, 0, passwd.len) == NULL)
			abort();
		return;
	}
	/* CRAM-MD5: same answer whenever the user holds no space. */
	if (r->st == PT_PARSE_DONE && memchr(d, ' ', r->user.len) == NULL &&
	    (!ngx || !fz_span_eq(login, r->user) || !fz_span_eq(passwd, r->secret)))
		abort();
	if (r->st != PT_PARSE_DONE && ngx && n <= PT_SASL_MAX && login.len > 0 &&
	    memchr(d, 0, n) == NULL && memchr(d + passwd.off, ' ', passwd.len) == NULL) {
		int allhex = 1;
		for (size_t i = 0; i < passwd.len; i++)
			allhex &= fz_hex(d[passwd.off + i]);
		if (allhex)
			abort();    /* no deviation explains it */
	}
}

static int fz_ci_prefix(const uint8_t *p, size_t n, const char *w)
{
	size_t k = strlen(w);

	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		uint8_t c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c + 32);
		if (c != (uint8_t)w[i])
			return 0;
	}
	return 1;
}

static void fz_check_oauth(const struct fz_res *r, enum pt_sasl_mech mech, const uint8_t *d,
                           size_t n)
{
	const struct pt_span u = r->user, s = r->secret;
	uint8_t tmp[PT_SASL_MAX];

	if (r->off != n || n > PT_SASL_MAX || r->authzid.len)
		abort();
	if ((size_t)u.off + u.len > s.off || (size_t)s.off + s.len >= n || s.len == 0)
		abort();
	if (d[s.off] == ' ' || d[s.off] == '\t' || d[s.off + s.len] != 0x01 ||
	    memchr(d + s.off, 0x01, s.len))
		abort();
	if (mech == PT_SASL_XOAUTH2) {
		if (u.off != 5 || !fz_ci_prefix(d, n, "user=") || d[u.off + u.len] != 0x01 ||
		    memchr(d + u.off, 0x01, u.len) || s.off + s.len + 2 != n || d[n - 1] != 0x01 ||
		    !fz_ci_prefix(d + u.off + u.len + 1, n, "auth=bearer "))
			abort();
		if (r->uctl != pt_sasl_has_ctl(d + u.off, u.len) ||
		    r->sctl != pt_sasl_has_ctl(d + s.off, s.len))
			abort();
		return;
	}
	if (u.len == 0 || u.off < 2 || d[u.off - 2] != 'a' || d[u.off - 1] != '=' ||
	    d[u.off + u.len] != ',' || d[n - 1] != 0x01 || memchr(d, 0, n))
		abort();
	if (r->uctl != fz_crlf(d + u.off, u.len) || r->sctl != fz_crlf(d + s.off, s.len))
		abort();
	memcpy(tmp, d + u.off, u.len);
	if (pt_sasl_gs2_unescape(tmp, u.len) > u.len)
		abort();
}

static void fz_run(enum pt_sasl_mech mech, unsigned chunk, const uint8_t *d, size_t n)
{
	struct pt_sasl_parser sp;
	struct fz_res whole, part, ref;
	enum pt_parse_status st;
	uint32_t x = 2166136261u ^ chunk;
	size_t len = 0, maxstep = 4 * (chunk & 15) + 1;
	int early = 0;

	pt_sasl_init(&sp, mech);
	st = pt_sasl_parse(&sp, d, n, 1);
	if (st != PT_PARSE_DONE && st != PT_PARSE_INVALID)
		abort();
	fz_take(&whole, &sp, st);

	pt_sasl_init(&sp, mech);
	while (len < n) {
		if (chunk == 0) {
			len++;
		} else {
			x = x * 1664525u + 1013904223u;
			len += 1 + (x >> 8) % maxstep;
			if (len > n)
				len = n;
		}
		st = pt_sasl_parse(&sp, d, len, 0);
		if (st == PT_PARSE_DONE)
			abort();
		if (st == PT_PARSE_INVALID) {
			early = 1;
			break;
		}
	}
	st = pt_sasl_parse(&sp, d, n, 1);
	if (early && st != PT_PARSE_INVALID)
		abort();
	fz_take(&part, &sp, st);
	if (!fz_res_eq(&whole, &part))
		abort();
	/* Sticky. */
	if (pt_sasl_parse(&sp, d, n, 0) != st || sp.off != part.off)
		abort();

	if (mech == PT_SASL_XOAUTH2 || mech == PT_SASL_OAUTHBEARER) {
		if (whole.st == PT_PARSE_DONE)
			fz_check_oauth(&whole, mech, d, n);
		else if (whole.off > n || whole.off > PT_SASL_MAX + 1 || whole.user.len ||
		         whole.secret.len || whole.uctl || whole.sctl)
			abort();
		return;
	}
	fz_reference(&ref, mech, d, n);
	if (!fz_res_eq(&whole, &ref))
		abort();
	if (whole.st == PT_PARSE_DONE)
		fz_check_done(&whole, mech, d, n);
	else if (whole.off > n || whole.off > PT_SASL_MAX + 1 || whole.user.len ||
	         whole.secret.len || whole.authzid.len || whole.uctl || whole.sctl)
		abort();
	fz_check_nginx(&whole, mech, d, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum pt_sasl_mech mech;
	unsigned mode, chunk;
	const uint8_t *d;
	size_t n;
	uint8_t *buf;

	/* Past 3 * PT_SASL_MAX every run is the same bound check. */
	if (size == 0 || size > 3 * PT_SASL_MAX)
		return 0;
	mode = data[0];
	d = data + 1;
	n = size - 1;
	switch ((mode & 1) | ((mode >> 5) & 2)) {
	case 0: mech = PT_SASL_PLAIN; break;
	case 1: mech = PT_SASL_CRAM_MD5; break;
	case 2: mech = PT_SASL_XOAUTH2; break;
	default: mech = PT_SASL_OAUTHBEARER; break;
	}
	chunk = ((mode >> 2) & 15) | ((mode >> 3) & 16);

	if (mode & 2) {
		size_t cap = pt_b64_decoded_max(n), got = 0;
		int rc;

		buf = malloc(cap ? cap : 1);
		if (buf == NULL)
			return 0;
		rc = pt_b64_decode(buf, cap, &got, d, n);
		if (rc == -2 || got > cap || (rc == -1 && got != 0))
			abort();    /* decoded_max must always be enough */
		if (rc != 0) {
			free(buf);
			return 0;
		}
		/* Move to a buffer of exactly the decoded length for ASan. */
		uint8_t *exact = malloc(got ? got : 1);
		if (exact == NULL) {
			free(buf);
			return 0;
		}
		memcpy(exact, buf, got);
		free(buf);
		buf = exact;
		n = got;
	} else {
		buf = malloc(n ? n : 1);
		if (buf == NULL)
			return 0;
		memcpy(buf, d, n);
	}
	fz_run(mech, chunk, buf, n);
	free(buf);
	return 0;
}
