/*
 * tlspolicy.c - the certificate choice of a handshake (tlspolicy.h): a
 * br_ssl_server_policy_class whose choose() picks one of the server's
 * ssl_certificate pairs and whose do_sign() signs with that pair's key.
 *
 * Implementation notes (BearSSL 0.6: ssl_hs_server.t0, ssl_scert_single_rsa.c,
 * ssl_scert_single_ec.c, whose choose/do_sign this follows)
 * - When: the engine calls choose() once per full handshake, right after
 *   the ClientHello; a resumed session skips it (and keeps the certificate
 *   of its first handshake).  By then the engine has kept only the client
 *   suites that br_ssl_engine_set_suites() also has, in server order under
 *   BR_OPT_ENFORCE_SERVER_PREFERENCES (ssl_prefer_server_ciphers), else in
 *   the client's, and has dropped the ECDHE_RSA / ECDHE_ECDSA suites that
 *   lack a common hash for their signature or a common curve; the hash and
 *   curve bit sets it gives are the common ones.
 * - Candidates (postern extension; nginx's mail module has no SNI): the
 *   certificates one of whose names matches the client's server name, or
 *   all of them when the client sent none or no name matches.  A name
 *   matches exactly (ASCII, case-insensitive), or as "*.rest" for exactly
 *   one non-empty label before ".rest" (RFC 6125 §6.4.3, the usual
 *   left-most-label-only rule).  A client that matched some certificates
 *   but can use none of them fails (handshake_failure), as nginx/OpenSSL
 *   do when the name's server{} has no certificate the client can take.
 * - Order: an EC certificate first, if the client offers an ECDHE_ECDSA
 *   suite, an ECDSA hash, and the key's curve (RFC 4492 §5.1: no ECC suite
 *   against the client's curve list); else an RSA certificate with an
 *   ECDHE_RSA suite and an RSA hash.  Among equals, configuration order.
 *   EC first, whatever the suite order says, because the signature is our
 *   cost: deps.md §9, ECDSA P-256 ~0.3 ms against ~1.2 ms for RSA-2048
 *   with BearSSL 0.6.  (OpenSSL would follow the suite order instead.)
 * - Suite: the first of the chosen key exchange in the common list, i.e.
 *   in the order above (server's or client's).  Only ECDHE suites are
 *   ever chosen (tls.c offers no others): do_keyx(), used by RSA and
 *   static ECDH key exchange only, always fails.
 * - Hash: TLS 1.2 names it (RFC 5246 §7.4.1.4.1): the first of SHA-256,
 *   SHA-384, SHA-512, SHA-224, SHA-1 that the client lists for the key's
 *   algorithm, BearSSL's own br_ssl_choose_hash() order (not exported).
 *   algo_id is 0xFF00 + hash id: the engine hashes the ServerKeyExchange
 *   parameters itself and writes the SignatureAndHashAlgorithm
 *   (bearssl_ssl.h, br_ssl_server_choices).  Before TLS 1.2 (tls.c allows
 *   none, kept for safety): MD5||SHA-1 for RSA (RFC 2246 §7.4.3), SHA-1
 *   for ECDSA (RFC 4492 §5.4).
 * - ECDHE curve: not ours.  ssl_hs_server.t0 (write-ServerKeyExchange)
 *   takes X25519 whenever the client offers it, else the lowest common
 *   curve id (P-256, then P-384, then P-521), whatever the client's order;
 *   choose() gets a const context and cannot change that, nor needs to:
 *   X25519 is already the cheap one (deps.md §9).
 * - Signing: with libcrypto when it holds the key (c->pkey), as nginx
 *   does, because BearSSL 0.6 signs 5 (RSA-2048) to 20 (P-256) times
 *   slower (deps.md §9); the same PKCS#1 v1.5 DigestInfo or ECDSA-Sig-Value
 *   comes out.  BearSSL signs when libcrypto cannot (an MD5||SHA-1 hash,
 *   or any failure).
 * - Memory: no heap but libcrypto's own.  do_sign() copies the hash value, length checked
 *   against the hash function, to a 64-byte local because the signature
 *   is written over it, and writes no more than the engine's buffer holds.
 */
#include <stdint.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "shell/tlspolicy.h"

#define PT_TLS_HV_MAX 64            /* SHA-512, the longest hash signed */
#define PT_TLS_MD5SHA1_LEN 36       /* RFC 2246 §7.4.3: MD5 (16) || SHA-1 (20) */
/* ECDSA-Sig-Value on P-521, the largest curve BearSSL signs on: SEQUENCE
 * with a two-byte length (3) over two INTEGERs of at most 66 bytes each
 * (2 + 66, no sign byte: the order's top byte is 0x01); = 139, the bound
 * ssl_scert_single_ec.c uses too. */
#define PT_TLS_ECDSA_ASN1_MAX 139

/* BearSSL's hash OID form for br_rsa_pkcs1_sign (length byte, then the OID
 * value), indexed by hash id - br_sha1_ID; RFC 8017 §9.2 DigestInfo. */
static const unsigned char pt_oid_sha1[] = { 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A };
static const unsigned char pt_oid_sha224[] = { 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04 };
static const unsigned char pt_oid_sha256[] = { 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
static const unsigned char pt_oid_sha384[] = { 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 };
static const unsigned char pt_oid_sha512[] = { 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 };
static const unsigned char *const pt_hash_oid[] = {
	pt_oid_sha1, pt_oid_sha224, pt_oid_sha256, pt_oid_sha384, pt_oid_sha512,
};

/* What the client can take, worked out once per ClientHello. */
struct pt_tls_offer {
	const br_suite_translated *st;
	size_t st_num;
	size_t ec_i, rsa_i;             /* first ECDHE_ECDSA / ECDHE_RSA suite; st_num: none */
	int ec_hash, rsa_hash;          /* hash id to sign with; -1: none */
	uint32_t curves;                /* bit x: curve id x (client and engine) */
	const br_ec_impl *iec;
};

/* The first hash of BearSSL's preference order set in bits (bit x: hash
 * id x); -1 if none.  MD5 alone (id 1) is never a TLS 1.2 choice. */
static int pt_tls_hash_pick(uint32_t bits)
{
	static const int pref[] = { br_sha256_ID, br_sha384_ID, br_sha512_ID, br_sha224_ID, br_sha1_ID };

	for (size_t i = 0; i < sizeof(pref) / sizeof(pref[0]); i++)
		if ((bits >> pref[i]) & 1)
			return pref[i];
	return -1;
}

static unsigned char pt_tls_lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

/* pat (plen bytes, lowercased by tlsconf.c) equals host (n bytes, any case)? */
static int pt_tls_same(const char *pat, size_t plen, const char *host, size_t n)
{
	if (plen != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)pat[i] != pt_tls_lower((unsigned char)host[i]))
			return 0;
	return 1;
}

/* One certificate name against the server name.  Only a whole left-most
 * "*" label is a wildcard, for exactly one non-empty label (RFC 6125
 * §6.4.3); any other '*' is compared as a plain byte and so never matches
 * a real host name.  Nothing here grants trust: it only picks which of
 * our own certificates to show, and the client still verifies it. */
static int pt_tls_name_match(const char *pat, const char *host, size_t n)
{
	size_t plen = strlen(pat);

	if (plen >= 2 && pat[0] == '*' && pat[1] == '.') {
		const char *dot = memchr(host, '.', n);

		if (dot == NULL || dot == host)
			return 0;
		return pt_tls_same(pat + 1, plen - 1, dot, n - (size_t)(dot - host));
	}
	return pt_tls_same(pat, plen, host, n);
}

/* Does one of c's names match host?  names is a NUL-separated list ended
 * by an empty name (tlsconf.h), each name at most 253 bytes. */
static int pt_tls_cert_named(const struct pt_tls_cert *c, const char *host, size_t n)
{
	if (c->names == NULL)
		return 0;
	for (const char *s = c->names; *s != '\0'; s += strlen(s) + 1)
		if (pt_tls_name_match(s, host, n))
			return 1;
	return 0;
}

/* The client's server name (RFC 6066 §3 host_name), n bytes, or n = 0.
 * The engine keeps a name of up to 255 bytes, NUL-terminated, and an
 * empty string when there was none (ssl_hs_server.t0 read-client-sni).
 * RFC 6066 says "without a trailing dot"; one is tolerated and ignored,
 * as nginx does with host names. */
static size_t pt_tls_sni(const br_ssl_server_context *cc, const char **host)
{
	const char *s = br_ssl_engine_get_server_name(&cc->eng);
	size_t n = strnlen(s, sizeof(cc->eng.server_name));

	if (n == sizeof(cc->eng.server_name))
		n = 0;                      /* not terminated: cannot happen; take no name */
	if (n > 0 && s[n - 1] == '.')
		n--;
	*host = s;
	return n;
}

/* Can c serve this client, with key type kt?  If so, the suite and hash. */
static int pt_tls_fits(const struct pt_tls_offer *o, const struct pt_tls_cert *c, int kt,
                       uint16_t *suite, int *hash)
{
	if (c->key_type != kt)
		return 0;
	if (kt == BR_KEYTYPE_EC) {
		int curve = c->ec.curve;

		/* RFC 4492 §5.1: the key's curve must be one the client listed
		 * (with none listed the engine assumes P-256 only); the engine's
		 * EC code must do it too, to sign. */
		if (o->ec_i >= o->st_num || o->ec_hash < 0 || o->iec == NULL ||
		    curve < 0 || curve > 31 || !((o->curves >> curve) & 1) ||
		    !((o->iec->supported_curves >> curve) & 1))
			return 0;
		*suite = o->st[o->ec_i][0];
		*hash = o->ec_hash;
		return 1;
	}
	if (kt == BR_KEYTYPE_RSA) {
		if (o->rsa_i >= o->st_num || o->rsa_hash < 0)
			return 0;
		*suite = o->st[o->rsa_i][0];
		*hash = o->rsa_hash;
		return 1;
	}
	return 0;
}

static int pt_tls_policy_choose(const br_ssl_server_policy_class **pctx,
                                const br_ssl_server_context *cc, br_ssl_server_choices *choices)
{
	/* pctx points at the vtable, the first member (C11 §6.7.2.1p15). */
	struct pt_tls_policy *p = (struct pt_tls_policy *)(void *)pctx;
	static const int order[] = { BR_KEYTYPE_EC, BR_KEYTYPE_RSA };
	struct pt_tls_offer o;
	const char *host;
	size_t n, i;
	uint32_t hashes;
	int by_name = 0;

	p->chosen = NULL;
	if (p->t == NULL || p->t->n_certs == 0)
		return 0;

	o.st = br_ssl_server_get_client_suites(cc, &o.st_num);
	o.ec_i = o.rsa_i = o.st_num;
	for (i = 0; i < o.st_num; i++) {
		/* br_suite_translated: [0] the suite id, [1] its elements, the
		 * key exchange in the top 4 bits (bearssl_ssl.h). */
		unsigned kx = (unsigned)o.st[i][1] >> 12;

		if (kx == BR_SSLKEYX_ECDHE_ECDSA && o.ec_i == o.st_num)
			o.ec_i = i;
		else if (kx == BR_SSLKEYX_ECDHE_RSA && o.rsa_i == o.st_num)
			o.rsa_i = i;
	}
	/* Bits 0-7: hash ids with RSA, bits 8-15: with ECDSA; without the
	 * signature_algorithms extension the engine assumes SHA-1 for both
	 * (RFC 5246 §7.4.1.4.1). */
	hashes = br_ssl_server_get_client_hashes(cc);
	if (br_ssl_engine_get_version(&cc->eng) >= BR_TLS12) {
		o.rsa_hash = pt_tls_hash_pick(hashes & 0xFF);
		o.ec_hash = pt_tls_hash_pick((hashes >> 8) & 0xFF);
	} else {
		o.rsa_hash = 0;
		o.ec_hash = br_sha1_ID;
	}
	o.curves = br_ssl_server_get_client_curves(cc);
	o.iec = br_ssl_engine_get_ec(&p->sc->eng);

	n = pt_tls_sni(cc, &host);
	for (i = 0; n > 0 && i < p->t->n_certs && !by_name; i++)
		by_name = pt_tls_cert_named(&p->t->certs[i], host, n);

	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (i = 0; i < p->t->n_certs; i++) {
			const struct pt_tls_cert *c = &p->t->certs[i];
			uint16_t suite;
			int hash;

			if (by_name && !pt_tls_cert_named(c, host, n))
				continue;
			if (!pt_tls_fits(&o, c, order[k], &suite, &hash))
				continue;
			choices->cipher_suite = suite;
			choices->algo_id = 0xFF00u + (unsigned)hash;
			choices->chain = c->chain;
			choices->chain_len = c->chain_len;
			p->chosen = c;
			return 1;
		}
	}
	return 0;                           /* the engine sends handshake_failure */
}

/* RSA key exchange and static ECDH: choose() never picks those suites.
 * 0 is the failure the engine handles in constant time by going on with a
 * random premaster secret, so the handshake fails at Finished
 * (ssl_hs_server.t0 do_rsa_decrypt, ecdh_common; RFC 5246 §7.4.7.1). */
static uint32_t pt_tls_policy_keyx(const br_ssl_server_policy_class **pctx,
                                   unsigned char *data, size_t *len)
{
	(void)pctx;
	(void)data;
	(void)len;
	return 0;
}

/* libcrypto's signature of the hash value hv (TLS 1.2: the hash function
 * id names; RSA in a DigestInfo, ECDSA as DER), or 0. */
static size_t pt_tls_policy_sign_evp(const struct pt_tls_cert *c, int id, const unsigned char *hv,
                                     size_t hv_len, unsigned char *out, size_t len)
{
	const EVP_MD *md = id == br_sha1_ID ? EVP_sha1() : id == br_sha224_ID ? EVP_sha224() :
	                   id == br_sha256_ID ? EVP_sha256() : id == br_sha384_ID ? EVP_sha384() :
	                   id == br_sha512_ID ? EVP_sha512() : NULL;
	EVP_PKEY_CTX *ctx;
	size_t n = len;

	if (md == NULL || c->pkey == NULL || (size_t)EVP_PKEY_get_size(c->pkey) > len)
		return 0;
	ctx = EVP_PKEY_CTX_new(c->pkey, NULL);
	if (ctx == NULL || EVP_PKEY_sign_init(ctx) <= 0 || EVP_PKEY_CTX_set_signature_md(ctx, md) <= 0 ||
	    (c->key_type == BR_KEYTYPE_RSA && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0) ||
	    EVP_PKEY_sign(ctx, out, &n, hv, hv_len) <= 0)
		n = 0;
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	return n;
}

/* Sign the ServerKeyExchange hash (RFC 5246 §7.4.3) with the chosen key:
 * data holds hv_len bytes of hash value and has room for len bytes of
 * signature; returns the signature's length, 0 on any doubt. */
static size_t pt_tls_policy_sign(const br_ssl_server_policy_class **pctx, unsigned algo_id,
                                 unsigned char *data, size_t hv_len, size_t len)
{
	struct pt_tls_policy *p = (struct pt_tls_policy *)(void *)pctx;
	const struct pt_tls_cert *c = p->chosen;
	const br_hash_class *hc = NULL;
	unsigned char hv[PT_TLS_HV_MAX];
	size_t want;
	int id;

	/* choose() only writes 0xFF00 + id: anything else is not ours. */
	if (c == NULL || algo_id < 0xFF00u || algo_id > 0xFF00u + br_sha512_ID)
		return 0;
	id = (int)(algo_id & 0xFF);
	if (id == 0) {
		want = PT_TLS_MD5SHA1_LEN;
	} else if (id >= br_sha1_ID) {
		/* br_multihash_getimpl() indexes impl[id - 1]: id is 2..6 here. */
		hc = br_multihash_getimpl(&p->sc->eng.mhash, id);
		if (hc == NULL)
			return 0;
		want = (size_t)((hc->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK);
	} else {
		return 0;                   /* MD5 alone */
	}
	if (hv_len != want || hv_len > sizeof(hv))
		return 0;
	memcpy(hv, data, hv_len);
	if ((want = pt_tls_policy_sign_evp(c, id, hv, hv_len, data, len)) != 0)
		return want;

	switch (c->key_type) {
	case BR_KEYTYPE_RSA: {
		/* RFC 5246 §4.7: RSASSA-PKCS1-v1_5 over a DigestInfo (TLS 1.2),
		 * or over the bare 36 bytes (TLS 1.0/1.1, hash_oid NULL). */
		size_t sig_len = (c->rsa.n_bitlen + 7) >> 3;

		if (sig_len == 0 || sig_len > len)
			return 0;
		return p->rsa_sign(id == 0 ? NULL : pt_hash_oid[id - br_sha1_ID], hv, hv_len,
		                   &c->rsa, data) ? sig_len : 0;
	}
	case BR_KEYTYPE_EC: {
		/* RFC 4492 §5.4: an ECDSA-Sig-Value (DER), as ssl_scert_single_ec.c;
		 * the signer takes the hash length from hc. */
		const br_ec_impl *iec = br_ssl_engine_get_ec(&p->sc->eng);

		if (hc == NULL || iec == NULL || c->ec.curve < 0 || c->ec.curve > 31 ||
		    !((iec->supported_curves >> c->ec.curve) & 1) || len < PT_TLS_ECDSA_ASN1_MAX)
			return 0;
		return p->ecdsa_sign(iec, hc, hv, &c->ec, data);
	}
	default:
		return 0;
	}
}

static const br_ssl_server_policy_class pt_tls_policy_vtable = {
	sizeof(struct pt_tls_policy),
	pt_tls_policy_choose,
	pt_tls_policy_keyx,
	pt_tls_policy_sign,
};

void pt_tls_policy_init(struct pt_tls_policy *p, br_ssl_server_context *sc,
                        const struct pt_tls_server *t)
{
	p->vtable = &pt_tls_policy_vtable;
	p->t = t;
	p->chosen = NULL;
	p->sc = sc;
	/* The fastest code this BearSSL has: i62 RSA, i31 ECDSA with the
	 * engine's EC code (p256_m31 for P-256), deps.md §9. */
	p->rsa_sign = br_rsa_pkcs1_sign_get_default();
	p->ecdsa_sign = br_ecdsa_sign_asn1_get_default();
	br_ssl_server_set_policy(sc, &p->vtable);
}
