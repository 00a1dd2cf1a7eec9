/*
 * tlsconf.c - see tlsconf.h.
 *
 * Implementation notes
 * - A file is read whole (at most PT_TLSCONF_FILE_MAX bytes) into one
 *   buffer; PEM is decoded into a second buffer of the same size (base64
 *   never grows), so nothing holding key bytes is ever realloc'd and left
 *   behind.  Both are wiped before free.
 * - deps.md §0: Debian's 0.6 key decoder can write up to 24 bytes past its
 *   context (upstream b715b43), so the context lives inside a larger
 *   allocation with 64 bytes of slack after it.
 * - BearSSL's X.509 decoder does not return subjectAltName, so the leaf's
 *   DNS names come from a small DER walk with a bounded cursor
 *   (struct pt_der): every length is checked against what is left before
 *   it is used, and only the few fields on the path are looked at.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "shell/tlsconf.h"
#include "shell/tlsverify.h"

#define PT_TLSCONF_FILE_MIB  1      /* a PEM file: chains are a few KB */
#define PT_TLSCONF_FILE_MAX  ((size_t)PT_TLSCONF_FILE_MIB << 20)
#define PT_TLSCONF_CHAIN_MAX 16     /* certificates in one file */
#define PT_STR_(x) #x
#define PT_STR(x) PT_STR_(x)

/* Why a file gave nothing usable; turned into text in one place. */
#define PT_TC_ERRS(X) \
	X(PT_TC_OK, "ok") \
	X(PT_TC_NOMEM, "out of memory") \
	X(PT_TC_TOO_BIG, "the file is larger than " PT_STR(PT_TLSCONF_FILE_MIB) " MiB") \
	X(PT_TC_PEM_BAD, "invalid PEM encoding") \
	X(PT_TC_PEM_OPEN, "the last PEM object has no END line") \
	X(PT_TC_NO_CERT, "no certificate in the file") \
	X(PT_TC_TOO_MANY, "more than " PT_STR(PT_TLSCONF_CHAIN_MAX) " certificates in the file") \
	X(PT_TC_NO_KEY, "no private key in the file") \
	X(PT_TC_ENCRYPTED, "encrypted keys are not supported by BearSSL; use an unencrypted key") \
	X(PT_TC_CURVE, "the curve is not supported: BearSSL signs with P-256, P-384 and P-521 only") \
	X(PT_TC_KEY_BAD, "the key is damaged, or BearSSL cannot use it")
#define PT_TC_ITEM(e, s) e,
enum pt_tc_err { PT_TC_ERRS(PT_TC_ITEM) };
#define PT_TC_TEXT(e, s) s,
static const char *const pt_tc_text[] = { PT_TC_ERRS(PT_TC_TEXT) };

/* BearSSL's decoder errors, in words. */
static const char *pt_tlsconf_br_text(int err)
{
	switch (err) {
	case BR_ERR_X509_UNSUPPORTED:
		return "a key type or algorithm BearSSL does not support";
	case BR_ERR_X509_LIMIT_EXCEEDED:
		return "beyond BearSSL's limits (RSA keys up to 4096 bits)";
	case BR_ERR_X509_TRUNCATED:
	case BR_ERR_X509_INNER_TRUNC:
		return "truncated DER";
	default:
		return "malformed DER";
	}
}

/* ---- files ------------------------------------------------------------- */

/* The name nginx opens and prints: a relative path is taken under
 * conf_prefix.  A "data:" value is not printed: it may hold a key. */
char *pt_tlsconf_fullname(const struct pt_conf *conf, const char *path)
{
	const char *pre = conf->conf_prefix != NULL && path[0] != '/' ? conf->conf_prefix : "";
	size_t n = strlen(pre) + strlen(path) + 1;
	char *s;

	if (strncmp(path, "data:", 5) == 0)
		return strdup("data:...");
	s = malloc(n);
	if (s != NULL)
		snprintf(s, n, "%s%s", pre, path);
	return s;
}

struct pt_tlsconf_file {
	unsigned char *data;
	size_t len;
};

static void pt_tlsconf_file_free(struct pt_tlsconf_file *f)
{
	if (f->data != NULL) {
		explicit_bzero(f->data, f->len);
		free(f->data);
	}
	f->data = NULL;
	f->len = 0;
}

/* Read the file (full: its full name) whole, or take a "data:" value.
 * 0 ok; -1 with the reason in why. */
static int pt_tlsconf_file_read(struct pt_tlsconf_file *f, const char *path, const char *full,
                                char *why, size_t whylen)
{
	size_t cap, got = 0;
	struct stat st;
	int fd;

	f->data = NULL;
	f->len = 0;
	snprintf(why, whylen, "%s", pt_tc_text[PT_TC_NOMEM]);
	if (strncmp(path, "data:", 5) == 0) {
		got = strlen(path + 5);
		f->data = malloc(got + 1);
		if (f->data == NULL)
			return -1;
		memcpy(f->data, path + 5, got);
		f->len = got;
		return 0;
	}
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "open() failed (%d: %s)", errno, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(why, whylen, "fstat() failed (%d: %s)", errno, strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && st.st_size > (off_t)PT_TLSCONF_FILE_MAX) {
		snprintf(why, whylen, "%s", pt_tc_text[PT_TC_TOO_BIG]);
		close(fd);
		return -1;
	}
	/* Sized once (anything but a plain file gets the maximum), so no
	 * realloc leaves key bytes behind; one byte more to see growth. */
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : PT_TLSCONF_FILE_MAX + 1;
	f->data = malloc(cap);
	if (f->data == NULL) {
		close(fd);
		return -1;
	}
	f->len = cap;               /* all of it is wiped if we fail below */
	while (got < cap) {
		ssize_t r = read(fd, f->data + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(why, whylen, "read() failed (%d: %s)", errno, strerror(errno));
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got == cap) {
		snprintf(why, whylen, "%s", S_ISREG(st.st_mode) ? "the file grew while it was read" :
		         pt_tc_text[PT_TC_TOO_BIG]);
		return -1;
	}
	f->len = got;
	return 0;
}

/* ---- PEM ----------------------------------------------------------------- */

struct pt_pem_sink {
	unsigned char *p;
	size_t len, cap;
	int over;
};

static void pt_pem_sink_put(void *ctx, const void *src, size_t n)
{
	struct pt_pem_sink *s = ctx;

	if (n > s->cap - s->len) {
		s->over = 1;
		return;
	}
	memcpy(s->p + s->len, src, n);
	s->len += n;
}

/* 0.6 keeps the banner's dashes in the name when the line ends in CRLF
 * ("CERTIFICATE-----"): drop them, so that files saved on Windows load. */
static void pt_pem_name(char *out, size_t cap, const char *name)
{
	size_t n = strlen(name);

	while (n > 0 && (name[n - 1] == '-' || name[n - 1] == ' ' || name[n - 1] == '\r'))
		n--;
	snprintf(out, cap, "%.*s", (int)n, name);
}

/* Which objects a walk decodes, by (upper-cased) name; the others are
 * skipped unread, broken or not, as OpenSSL skips them. */
typedef int (*pt_pem_want_fn)(const char *name);
/* Called per complete wanted object; a non-zero return (an enum
 * pt_tc_err) stops the walk. */
typedef int (*pt_pem_obj_fn)(void *ctx, const char *name, const unsigned char *der, size_t len);

static int pt_pem_each(const struct pt_tlsconf_file *f, pt_pem_want_fn want, pt_pem_obj_fn fn,
                       void *ctx)
{
	br_pem_decoder_context pc;
	struct pt_pem_sink out = { malloc(f->len + 1), 0, f->len + 1, 0 };
	const unsigned char *p = f->data;
	size_t left = f->len;
	char name[128];
	int inobj = 0, extra_nl = 1, rc = PT_TC_OK;

	if (out.p == NULL)
		return PT_TC_NOMEM;
	name[0] = '\0';
	br_pem_decoder_init(&pc);
	while (rc == PT_TC_OK && left > 0) {
		size_t n = br_pem_decoder_push(&pc, p, left);
		int ev = br_pem_decoder_event(&pc);

		p += n;
		left -= n;
		switch (ev) {
		case 0:
			if (n == 0)         /* neither progress nor event: never loop */
				rc = PT_TC_PEM_BAD;
			break;
		case BR_PEM_BEGIN_OBJ:
			pt_pem_name(name, sizeof(name), br_pem_decoder_name(&pc));
			out.len = 0;
			out.over = 0;
			inobj = want(name);
			br_pem_decoder_setdest(&pc, inobj ? pt_pem_sink_put : NULL, &out);
			break;
		case BR_PEM_END_OBJ:
			if (inobj)
				rc = out.over ? PT_TC_PEM_BAD : fn(ctx, name, out.p, out.len);
			inobj = 0;
			break;
		case BR_PEM_ERROR:     /* the object is over; decoding goes on */
			if (inobj)
				rc = PT_TC_PEM_BAD;
			inobj = 0;
			break;
		default:
			rc = PT_TC_PEM_BAD;
			break;
		}
		/* deps.md §2.2: one more "\n", or a file without a final newline
		 * loses its last object (brssl does the same). */
		if (left == 0 && extra_nl) {
			extra_nl = 0;
			p = (const unsigned char *)"\n";
			left = 1;
		}
	}
	if (rc == PT_TC_OK && inobj)
		rc = PT_TC_PEM_OPEN;
	explicit_bzero(out.p, out.cap);
	free(out.p);
	explicit_bzero(&pc, sizeof(pc));    /* its line buffer held key bytes */
	return rc;
}

/* ---- certificates ---------------------------------------------------------- */

static void pt_tlsconf_chain_free(struct pt_tls_cert *c)
{
	for (size_t i = 0; i < c->chain_len; i++)
		free(c->chain[i].data);
	free(c->chain);
	c->chain = NULL;
	c->chain_len = 0;
}

/* brssl's two names; OpenSSL's "TRUSTED CERTIFICATE" carries extra data
 * after the DER and is not a chain entry. */
static int pt_tlsconf_want_cert(const char *name)
{
	return strcmp(name, "CERTIFICATE") == 0 || strcmp(name, "X509 CERTIFICATE") == 0;
}

static int pt_tlsconf_on_cert(void *ctx, const char *name, const unsigned char *der, size_t len)
{
	struct pt_tls_cert *c = ctx;
	br_x509_certificate *v;

	(void)name;
	if (c->chain_len == PT_TLSCONF_CHAIN_MAX)
		return PT_TC_TOO_MANY;
	v = realloc(c->chain, (c->chain_len + 1) * sizeof(*v));
	if (v == NULL)
		return PT_TC_NOMEM;
	c->chain = v;
	v[c->chain_len].data = malloc(len ? len : 1);
	if (v[c->chain_len].data == NULL)
		return PT_TC_NOMEM;
	memcpy(v[c->chain_len].data, der, len);
	v[c->chain_len].data_len = len;
	c->chain_len++;
	return PT_TC_OK;
}

/* Decode one certificate; 0 or BearSSL's error. */
static int pt_tlsconf_x509(br_x509_decoder_context *xc, const br_x509_certificate *xcert)
{
	br_x509_decoder_init(xc, NULL, NULL);
	br_x509_decoder_push(xc, xcert->data, xcert->data_len);
	return br_x509_decoder_last_error(xc);
}

static int pt_tlsconf_curve_ok(int curve)
{
	return curve == BR_EC_secp256r1 || curve == BR_EC_secp384r1 || curve == BR_EC_secp521r1;
}

/* ---- DNS names of the leaf (a bounded DER walk) ------------------------------ */

struct pt_der {
	const unsigned char *p;
	size_t n;
};

/* Take one element off d.  DER in certificates uses low tag numbers and
 * definite lengths only; anything else is refused. */
static int pt_der_get(struct pt_der *d, unsigned *tag, struct pt_der *val)
{
	size_t len, hl = 2;

	if (d->n < 2 || (d->p[0] & 0x1f) == 0x1f)
		return -1;
	*tag = d->p[0];
	len = d->p[1];
	if (len & 0x80) {
		size_t k = len & 0x7f;
		if (k == 0 || k > 3 || d->n < 2 + k)    /* 3 bytes: 16 MiB, beyond any file we read */
			return -1;
		len = 0;
		for (size_t i = 0; i < k; i++)
			len = len << 8 | d->p[2 + i];
		hl += k;
	}
	if (len > d->n - hl)
		return -1;
	val->p = d->p + hl;
	val->n = len;
	d->p += hl + len;
	d->n -= hl + len;
	return 0;
}

static int pt_der_want(struct pt_der *d, unsigned tag, struct pt_der *val)
{
	unsigned t;

	return pt_der_get(d, &t, val) != 0 || t != tag ? -1 : 0;
}

struct pt_names {
	char *p;
	size_t len, cap;
};

/* Keep a name only if a host name could match it: an SNI value is a host
 * name (RFC 6066 §3), so anything else would never be chosen. */
static void pt_names_add(struct pt_names *nm, const unsigned char *s, size_t len)
{
	if (len == 0 || len > 253 || len + 2 > nm->cap - nm->len)
		return;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '-' || ch == '.' || ch == '_' || ch == '*'))
			return;
	}
	for (size_t i = 0; i < len; i++)
		nm->p[nm->len + i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
	nm->len += len;
	nm->p[nm->len++] = '\0';
}

/* RFC 5280 §4.2.1.6: Extension ::= SEQUENCE { extnID (2.5.29.17),
 * critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING (GeneralNames) };
 * dNSName is [2] IA5String. */
static void pt_names_san(struct pt_der exts, struct pt_names *nm)
{
	static const unsigned char san_oid[] = { 0x55, 0x1d, 0x11 };
	struct pt_der list, e, oid, v, gns, gn;
	unsigned tag;

	if (pt_der_want(&exts, 0x30, &list))
		return;
	while (list.n > 0) {
		if (pt_der_want(&list, 0x30, &e) || pt_der_want(&e, 0x06, &oid))
			return;
		if (oid.n != sizeof(san_oid) || memcmp(oid.p, san_oid, sizeof(san_oid)) != 0)
			continue;
		if (e.n > 0 && e.p[0] == 0x01 && pt_der_get(&e, &tag, &v))
			return;
		if (pt_der_want(&e, 0x04, &v) || pt_der_want(&v, 0x30, &gns))
			return;
		while (gns.n > 0 && pt_der_get(&gns, &tag, &gn) == 0)
			if (tag == 0x82)
				pt_names_add(nm, gn.p, gn.n);
		return;
	}
}

/* Name ::= SEQUENCE OF SET OF { type OID, value }; CN is 2.5.4.3 in an
 * ASCII-compatible string type. */
static void pt_names_cn(struct pt_der rdns, struct pt_names *nm)
{
	static const unsigned char cn_oid[] = { 0x55, 0x04, 0x03 };
	struct pt_der rdn, atv, oid, val;
	unsigned tag;

	while (rdns.n > 0) {
		if (pt_der_want(&rdns, 0x31, &rdn))
			return;
		while (rdn.n > 0) {
			if (pt_der_want(&rdn, 0x30, &atv) || pt_der_want(&atv, 0x06, &oid) ||
			    pt_der_get(&atv, &tag, &val))
				return;
			if (oid.n == sizeof(cn_oid) && memcmp(oid.p, cn_oid, sizeof(cn_oid)) == 0 &&
			    (tag == 0x0c || tag == 0x13 || tag == 0x14 || tag == 0x16))
				pt_names_add(nm, val.p, val.n);
		}
	}
}

/* RFC 5280 §4.1: TBSCertificate ::= SEQUENCE { [0] version OPTIONAL,
 * serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo,
 * [1] issuerUniqueID, [2] subjectUniqueID, [3] extensions }. */
static char *pt_names_of(const br_x509_certificate *leaf)
{
	struct pt_der d = { leaf->data, leaf->data_len }, cert, tbs, v, subject = { NULL, 0 };
	struct pt_names nm = { malloc(leaf->data_len + 2), 0, leaf->data_len + 1 };
	unsigned tag;

	if (nm.p == NULL)
		return NULL;
	if (pt_der_want(&d, 0x30, &cert) || pt_der_want(&cert, 0x30, &tbs))
		goto none;
	if (tbs.n > 0 && tbs.p[0] == 0xa0 && pt_der_get(&tbs, &tag, &v))
		goto none;
	for (int i = 0; i < 6; i++) {
		if (pt_der_get(&tbs, &tag, &v))
			goto none;
		if (i == 4)
			subject = v;
	}
	while (tbs.n > 0 && pt_der_get(&tbs, &tag, &v) == 0)
		if (tag == 0xa3) {
			pt_names_san(v, &nm);
			break;
		}
	/* RFC 6125 §6.4.4: the CN only when there is no DNS name. */
	if (nm.len == 0)
		pt_names_cn(subject, &nm);
	if (nm.len == 0)
		goto none;
	nm.p[nm.len] = '\0';
	return nm.p;
none:
	free(nm.p);
	return NULL;
}

/* ---- keys ------------------------------------------------------------------- */

/* deps.md §0: room for the Debian decoder's overrun. */
struct pt_skey_box {
	br_skey_decoder_context dc;
	unsigned char slack[64];
};

struct pt_keyload {
	struct pt_skey_box *box;
	EVP_PKEY *pkey;             /* the same DER read by libcrypto */
	int found;                  /* the first key object decides, as in OpenSSL */
	int encrypted;
};

/* PKCS#1, SEC1, PKCS#8, and PKCS#8 encrypted (to say so). */
static int pt_tlsconf_want_key(const char *name)
{
	return strcmp(name, "RSA PRIVATE KEY") == 0 || strcmp(name, "EC PRIVATE KEY") == 0 ||
	       strcmp(name, "PRIVATE KEY") == 0 || strcmp(name, "ENCRYPTED PRIVATE KEY") == 0;
}

static int pt_tlsconf_on_key(void *ctx, const char *name, const unsigned char *der, size_t len)
{
	struct pt_keyload *k = ctx;

	if (k->found)
		return PT_TC_OK;
	k->found = 1;
	if (strcmp(name, "ENCRYPTED PRIVATE KEY") == 0) {
		k->encrypted = 1;
		return PT_TC_OK;
	}
	br_skey_decoder_init(&k->box->dc);
	br_skey_decoder_push(&k->box->dc, der, len);
	k->pkey = d2i_AutoPrivateKey(NULL, &der, (long)len);
	return PT_TC_OK;
}

static void pt_tlsconf_key_free(struct pt_tls_cert *c)
{
	if (c->key_type == BR_KEYTYPE_RSA && c->rsa.p != NULL) {
		/* one allocation, p first */
		explicit_bzero(c->rsa.p, c->rsa.plen + c->rsa.qlen + c->rsa.dplen + c->rsa.dqlen +
		                         c->rsa.iqlen);
		free(c->rsa.p);
	}
	if (c->key_type == BR_KEYTYPE_EC && c->ec.x != NULL) {
		explicit_bzero(c->ec.x, c->ec.xlen);
		free(c->ec.x);
	}
	explicit_bzero(&c->rsa, sizeof(c->rsa));
	explicit_bzero(&c->ec, sizeof(c->ec));
	EVP_PKEY_free(c->pkey);     /* it clears its own secrets */
	c->pkey = NULL;
	c->key_type = 0;
}

/* Deep copies: the decoder's key points into its own context. */
static int pt_tlsconf_key_copy(struct pt_tls_cert *c, const br_skey_decoder_context *dc)
{
	const br_rsa_private_key *rk = br_skey_decoder_get_rsa(dc);
	const br_ec_private_key *ek = br_skey_decoder_get_ec(dc);

	if (rk != NULL) {
		size_t n = rk->plen + rk->qlen + rk->dplen + rk->dqlen + rk->iqlen;
		unsigned char *b = malloc(n ? n : 1);
		if (b == NULL)
			return PT_TC_NOMEM;
		c->key_type = BR_KEYTYPE_RSA;
		c->rsa = *rk;
		/* p, q, dp, dq, iq back to back; pt_tlsconf_key_free frees from p */
		c->rsa.p = b;
		c->rsa.q = c->rsa.p + rk->plen;
		c->rsa.dp = c->rsa.q + rk->qlen;
		c->rsa.dq = c->rsa.dp + rk->dplen;
		c->rsa.iq = c->rsa.dq + rk->dqlen;
		memcpy(c->rsa.p, rk->p, rk->plen);
		memcpy(c->rsa.q, rk->q, rk->qlen);
		memcpy(c->rsa.dp, rk->dp, rk->dplen);
		memcpy(c->rsa.dq, rk->dq, rk->dqlen);
		memcpy(c->rsa.iq, rk->iq, rk->iqlen);
		return PT_TC_OK;
	}
	if (ek != NULL) {
		if (!pt_tlsconf_curve_ok(ek->curve))
			return PT_TC_CURVE;
		c->ec.x = malloc(ek->xlen ? ek->xlen : 1);
		if (c->ec.x == NULL)
			return PT_TC_NOMEM;
		c->key_type = BR_KEYTYPE_EC;
		c->ec.curve = ek->curve;
		memcpy(c->ec.x, ek->x, ek->xlen);
		c->ec.xlen = ek->xlen;
		return PT_TC_OK;
	}
	return PT_TC_KEY_BAD;
}

/* ---- matching ----------------------------------------------------------------- */

static void pt_unsigned_trim(const unsigned char **p, size_t *n)
{
	while (*n > 0 && (*p)[0] == 0) {
		(*p)++;
		(*n)--;
	}
}

/* The modulus first (n = pq: that tells "another key" apart), then one
 * private operation undone with the certificate's (n, e): that proves e
 * and the CRT values too, with the very code the handshake will use.
 * BearSSL's own public-exponent recomputation cannot stand in for it: it
 * gives 0 unless p = q = 3 mod 4, and OpenSSL's primes are not. */
static int pt_tlsconf_match_rsa(const br_rsa_private_key *sk, const br_rsa_public_key *pk)
{
	br_rsa_compute_modulus modulus = br_rsa_compute_modulus_get_default();
	const unsigned char *cn = pk->n, *kn;
	size_t cnlen = pk->nlen, knlen, len;
	unsigned char *n, *x, *x0;
	int r = 0;

	/* 0.6's i31 version has too little scratch for 4096-bit keys (it
	 * returns 0); the i15 one has enough. */
	if (modulus(NULL, sk) == 0)
		modulus = br_rsa_i15_compute_modulus;
	len = modulus(NULL, sk);
	if (len == 0)
		return -1;
	n = malloc(3 * len);
	if (n == NULL)
		return -1;
	x = n + len;
	x0 = x + len;
	if (modulus(n, sk) != len) {
		free(n);
		return -1;
	}
	kn = n;
	knlen = len;
	pt_unsigned_trim(&kn, &knlen);
	pt_unsigned_trim(&cn, &cnlen);
	if (knlen == cnlen && memcmp(kn, cn, knlen) == 0) {
		/* x < n: a zero top byte, then anything */
		for (size_t i = 0; i < len; i++)
			x0[i] = (unsigned char)(i == 0 ? 0 : i * 7 + 1);
		memcpy(x, x0, len);
		/* same n yet no round trip: a damaged key, or one BearSSL
		 * cannot sign with */
		r = br_rsa_private_get_default()(x, sk) == 1 &&
		    br_rsa_public_get_default()(x, len, pk) == 1 && memcmp(x, x0, len) == 0 ? 1 : -1;
	}
	explicit_bzero(n, 3 * len);
	free(n);
	return r;
}

/* 1 the private key is the leaf's, 0 it is another, -1 out of memory or
 * a key BearSSL cannot compute with (PT_TC_KEY_BAD). */
static int pt_tlsconf_match(const struct pt_tls_cert *c, const br_x509_pkey *pk)
{
	if (pk->key_type != c->key_type)
		return 0;
	if (c->key_type == BR_KEYTYPE_RSA)
		return pt_tlsconf_match_rsa(&c->rsa, &pk->key.rsa);
	if (c->key_type == BR_KEYTYPE_EC) {
		unsigned char kbuf[BR_EC_KBUF_PUB_MAX_SIZE];
		br_ec_public_key pub;
		const unsigned char *q = pk->key.ec.q;
		size_t qlen = pk->key.ec.qlen;
		int same;

		if (br_ec_compute_pub(br_ec_get_default(), &pub, kbuf, &c->ec) == 0)
			return -1;
		if (pub.curve != pk->key.ec.curve)
			return 0;
		if (qlen > 0 && (q[0] == 0x02 || q[0] == 0x03) && pub.qlen > 1 &&
		    qlen == 1 + (pub.qlen - 1) / 2) {
			/* a compressed point: x, and y's parity (SEC 1 §2.3.3) */
			same = memcmp(q + 1, pub.q + 1, qlen - 1) == 0 &&
			       (q[0] & 1) == (pub.q[pub.qlen - 1] & 1);
		} else {
			same = qlen == pub.qlen && memcmp(q, pub.q, qlen) == 0;
		}
		return same;
	}
	return 0;
}

static const char *pt_keytype_name(int t)
{
	return t == BR_KEYTYPE_RSA ? "RSA" : t == BR_KEYTYPE_EC ? "EC" : "unknown";
}

/* ---- one pair ------------------------------------------------------------------ */

/* Read the chain; xc is left holding the decoded leaf. */
static int pt_tlsconf_load_cert(struct pt_tls_cert *c, const char *path, const char *full,
                                br_x509_decoder_context *xc, pt_check_msg_fn msg, void *ctx)
{
	struct pt_tlsconf_file f;
	const br_x509_pkey *pk;
	char why[300];
	int rc;

	if (pt_tlsconf_file_read(&f, path, full, why, sizeof(why)) != 0) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate \"%s\": %s", full, why);
		pt_tlsconf_file_free(&f);
		return -1;
	}
	rc = pt_pem_each(&f, pt_tlsconf_want_cert, pt_tlsconf_on_cert, c);
	pt_tlsconf_file_free(&f);
	if (rc == PT_TC_OK && c->chain_len == 0)
		rc = PT_TC_NO_CERT;
	if (rc != PT_TC_OK) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate \"%s\": %s", full, pt_tc_text[rc]);
		return -1;
	}
	/* The leaf must decode: its key is the one we serve with.  The others
	 * are only sent, so a key type BearSSL lacks (an Ed25519 root, say) is
	 * let through there, but broken DER is not.  Last to first, so that
	 * the leaf is what xc holds at the end. */
	for (size_t i = c->chain_len; i-- > 0;) {
		int err = pt_tlsconf_x509(xc, &c->chain[i]);
		if (err == 0 || (i > 0 && err == BR_ERR_X509_UNSUPPORTED))
			continue;
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate \"%s\": certificate %zu in the file "
		                 "is not valid: %s (BearSSL error %d)", full, i + 1,
		                 pt_tlsconf_br_text(err), err);
		return -1;
	}
	pk = br_x509_decoder_get_pkey(xc);
	if (pk->key_type == BR_KEYTYPE_EC && !pt_tlsconf_curve_ok(pk->key.ec.curve)) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate \"%s\": %s", full,
		                 pt_tc_text[PT_TC_CURVE]);
		return -1;
	}
	return 0;
}

static int pt_tlsconf_load_key(struct pt_tls_cert *c, const char *path, const char *full,
                               pt_check_msg_fn msg, void *ctx)
{
	static const char proc_encrypted[] = "Proc-Type: 4,ENCRYPTED";
	struct pt_tlsconf_file f;
	struct pt_keyload k = { NULL, NULL, 0, 0 };
	char why[300];
	int rc, err = 0;

	if (pt_tlsconf_file_read(&f, path, full, why, sizeof(why)) != 0) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate key \"%s\": %s", full, why);
		pt_tlsconf_file_free(&f);
		return -1;
	}
	k.box = calloc(1, sizeof(*k.box));
	if (k.box == NULL) {
		rc = PT_TC_NOMEM;
	} else if (memmem(f.data, f.len, proc_encrypted, sizeof(proc_encrypted) - 1) != NULL) {
		/* OpenSSL's "traditional" encrypted key: RFC 1421 headers inside
		 * the object, which BearSSL's PEM decoder would only call invalid. */
		rc = PT_TC_ENCRYPTED;
	} else {
		rc = pt_pem_each(&f, pt_tlsconf_want_key, pt_tlsconf_on_key, &k);
		if (rc == PT_TC_OK && !k.found)
			rc = PT_TC_NO_KEY;
		else if (rc == PT_TC_OK && k.encrypted)
			rc = PT_TC_ENCRYPTED;
		else if (rc == PT_TC_OK && (err = br_skey_decoder_last_error(&k.box->dc)) != 0)
			rc = -1;
		else if (rc == PT_TC_OK)
			rc = pt_tlsconf_key_copy(c, &k.box->dc);
		if (rc == PT_TC_OK) {
			c->pkey = k.pkey;
			k.pkey = NULL;
		}
	}
	EVP_PKEY_free(k.pkey);
	if (rc == -1)
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate key \"%s\": the key is not valid: "
		                 "%s (BearSSL error %d)", full, pt_tlsconf_br_text(err), err);
	else if (rc != PT_TC_OK)
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate key \"%s\": %s", full,
		                 pt_tc_text[rc]);
	if (k.box != NULL) {
		explicit_bzero(k.box, sizeof(*k.box));
		free(k.box);
	}
	pt_tlsconf_file_free(&f);
	return rc == PT_TC_OK ? 0 : -1;
}

static void pt_tls_cert_free(struct pt_tls_cert *c)
{
	pt_tlsconf_chain_free(c);
	pt_tlsconf_key_free(c);
	free(c->names);
	memset(c, 0, sizeof(*c));
}

static int pt_tls_cert_load(struct pt_tls_cert *c, const struct pt_conf *conf, const char *cert,
                            const char *key, pt_check_msg_fn msg, void *ctx)
{
	br_x509_decoder_context *xc = malloc(sizeof(*xc));      /* ~1 KB */
	char *cfull = pt_tlsconf_fullname(conf, cert);
	char *kfull = pt_tlsconf_fullname(conf, key);
	const br_x509_pkey *pk;
	int m, rc = -1;

	memset(c, 0, sizeof(*c));
	if (xc == NULL || cfull == NULL || kfull == NULL) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate \"%s\": out of memory", cert);
		goto out;
	}
	if (pt_tlsconf_load_cert(c, cert, cfull, xc, msg, ctx) != 0 ||
	    pt_tlsconf_load_key(c, key, kfull, msg, ctx) != 0)
		goto out;
	pk = br_x509_decoder_get_pkey(xc);
	m = pt_tlsconf_match(c, pk);
	if (m < 0) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate key \"%s\": %s", kfull,
		                 pt_tc_text[PT_TC_KEY_BAD]);
		goto out;
	}
	if (m == 0 && pk->key_type != c->key_type) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "certificate \"%s\" and key \"%s\" do not match "
		                 "(an %s certificate and an %s key)", cfull, kfull,
		                 pt_keytype_name(pk->key_type), pt_keytype_name(c->key_type));
		goto out;
	}
	if (m == 0) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "certificate \"%s\" and key \"%s\" do not match",
		                 cfull, kfull);
		goto out;
	}
	/* Read before xc is used again for the next certificate. */
	c->issuer_key_type = br_x509_decoder_get_signer_key_type(xc);
	if (c->issuer_key_type == 0 && c->chain_len > 1 && pt_tlsconf_x509(xc, &c->chain[1]) == 0)
		c->issuer_key_type = br_x509_decoder_get_pkey(xc)->key_type;
	if (c->issuer_key_type == 0)
		c->issuer_key_type = c->key_type;
	c->names = pt_names_of(&c->chain[0]);
	rc = 0;
out:
	if (rc != 0)
		pt_tls_cert_free(c);
	free(xc);
	free(cfull);
	free(kfull);
	return rc;
}

/* ---- the interface ---------------------------------------------------------------- */

void pt_tls_server_free(struct pt_tls_server *t)
{
	pt_tls_verify_free(t->verify);
	t->verify = NULL;
	for (size_t i = 0; i < t->n_certs; i++)
		pt_tls_cert_free(&t->certs[i]);
	free(t->certs);
	t->certs = NULL;
	t->n_certs = 0;
}

int pt_tls_server_load(struct pt_tls_server *t, const struct pt_conf *conf,
                       const struct pt_conf_server *srv, pt_check_msg_fn msg, void *ctx)
{
	size_t n = srv->ssl_certificate.n;

	memset(t, 0, sizeof(*t));
	t->srv = srv;
	/* The config layer refuses these already; say so rather than crash. */
	if (n == 0) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "no \"ssl_certificate\" is defined for server in %s:%u",
		                 srv->file, srv->line);
		return -1;
	}
	if (srv->ssl_certificate_key.n < n) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "no \"ssl_certificate_key\" is defined for certificate "
		                 "\"%s\" in %s:%u", srv->ssl_certificate.v[n - 1].p, srv->file, srv->line);
		return -1;
	}
	t->certs = calloc(n, sizeof(*t->certs));
	if (t->certs == NULL) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load certificate \"%s\": out of memory",
		                 srv->ssl_certificate.v[0].p);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (pt_tls_cert_load(&t->certs[i], conf, srv->ssl_certificate.v[i].p,
		                     srv->ssl_certificate_key.v[i].p, msg, ctx) != 0) {
			pt_tls_server_free(t);
			return -1;
		}
		t->n_certs++;
	}
	if (pt_tls_verify_load(&t->verify, conf, srv, &t->certs[0].chain[0], msg, ctx) != 0) {
		pt_tls_server_free(t);
		return -1;
	}
	return 0;
}

int pt_tlsconf_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx)
{
	int warned_pw = 0, warned_dh = 0, warned_13 = 0;

	for (size_t i = 0; i < conf->n_servers; i++) {
		const struct pt_conf_server *s = &conf->servers[i];
		struct pt_tls_server t;

		if (!pt_conf_server_tls(s))
			continue;
		/* Once per check: the text names no server, and mail{} values are
		 * inherited by every one of them. */
		if (s->ssl_password_file.p != NULL && !warned_pw) {
			msg(ctx, PT_LOG_WARN, "\"ssl_password_file\" is ignored: BearSSL cannot decrypt "
			    "keys, so key files must be unencrypted");
			warned_pw = 1;
		}
		if (s->ssl_dhparam.p != NULL && !warned_dh) {
			msg(ctx, PT_LOG_WARN, "\"ssl_dhparam\" is ignored: BearSSL has no DHE cipher "
			    "suites (ECDHE is used)");
			warned_dh = 1;
		}
		/* BearSSL has TLS 1.0 to 1.2, and the suites offered (ECDHE with
		 * AES-GCM or ChaCha20) need 1.2: that is the one version. */
		if (s->ssl_protocols_given && !warned_13) {
			if (s->ssl_protocols & PT_TLS_V1_3) {
				msg(ctx, PT_LOG_WARN, "TLSv1.3 in \"ssl_protocols\" is not available "
				    "(BearSSL has none): TLSv1.2 is used");
				warned_13 = 1;
			} else if (!(s->ssl_protocols & PT_TLS_V1_2)) {
				msg(ctx, PT_LOG_WARN, "\"ssl_protocols\" without TLSv1.2: TLSv1.2 is used, "
				    "the one version postern offers");
				warned_13 = 1;
			}
		}
		if (pt_tls_server_load(&t, conf, s, msg, ctx) != 0)
			return 1;
		pt_tls_server_free(&t);
	}
	return 0;
}
