/*
 * tlsec.c - the elliptic-curve code of the TLS engines (tls.h): BearSSL's
 * own, but X25519 from libcrypto.
 *
 * A full handshake's ECDHE is one X25519 key generation and one shared
 * secret.  BearSSL 0.6 has only its 32-bit X25519 (c25519_m31, 210 µs the
 * pair here), libcrypto a 64-bit one, several times faster (deps.md §9);
 * clients offer X25519 first and BearSSL takes it whenever offered.  So
 * this br_ec_impl hands X25519's mul and mulgen to libcrypto and every
 * other call, and every other curve, to br_ec_get_default().
 *
 * Conventions: the scalar and the point (the u-coordinate) are 32 bytes
 * little-endian as in RFC 7748 §5, and the callee clamps the scalar, in
 * both libraries (Debian's BearSSL 0.6, measured: its c25519 gives §5.2's
 * vector so).  The first use checks that vector through this code and
 * that mulgen agrees with BearSSL's own; if either fails, BearSSL's code
 * stays in use.  libcrypto refuses a shared
 * secret of all zeros (a small-order point, RFC 7748 §6.1); the handshake
 * then fails, where BearSSL would go on.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "shell/tls.h"

static const br_ec_impl *pt_tls_ec_base;

static EVP_PKEY *pt_tls_ec_key(const unsigned char *x, size_t xlen)
{
	unsigned char k[32];
	EVP_PKEY *p;

	if (xlen == 0 || xlen > sizeof(k))
		return NULL;
	memset(k, 0, sizeof(k));    /* little-endian: a shorter scalar has zero high bytes */
	memcpy(k, x, xlen);
	p = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, k, sizeof(k));
	OPENSSL_cleanse(k, sizeof(k));
	return p;
}

/* G = x * G; 1 on success. */
static uint32_t pt_tls_ec_x25519(unsigned char *G, size_t Glen, const unsigned char *x, size_t xlen)
{
	EVP_PKEY *priv = pt_tls_ec_key(x, xlen), *peer = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	unsigned char out[32];
	size_t n = sizeof(out);
	uint32_t ok = 0;

	if (Glen == sizeof(out) && priv != NULL &&
	    (peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, G, Glen)) != NULL &&
	    (ctx = EVP_PKEY_CTX_new(priv, NULL)) != NULL && EVP_PKEY_derive_init(ctx) > 0 &&
	    EVP_PKEY_derive_set_peer(ctx, peer) > 0 && EVP_PKEY_derive(ctx, out, &n) > 0 &&
	    n == sizeof(out)) {
		memcpy(G, out, sizeof(out));
		ok = 1;
	}
	OPENSSL_cleanse(out, sizeof(out));
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(peer);
	EVP_PKEY_free(priv);
	ERR_clear_error();
	return ok;
}

static uint32_t pt_tls_ec_mul(unsigned char *G, size_t Glen, const unsigned char *x, size_t xlen,
                              int curve)
{
	if (curve != BR_EC_curve25519)
		return pt_tls_ec_base->mul(G, Glen, x, xlen, curve);
	return pt_tls_ec_x25519(G, Glen, x, xlen);
}

static size_t pt_tls_ec_mulgen(unsigned char *R, const unsigned char *x, size_t xlen, int curve)
{
	EVP_PKEY *priv;
	size_t n = 32;

	if (curve != BR_EC_curve25519)
		return pt_tls_ec_base->mulgen(R, x, xlen, curve);
	if ((priv = pt_tls_ec_key(x, xlen)) == NULL || EVP_PKEY_get_raw_public_key(priv, R, &n) <= 0 ||
	    n != 32)
		n = 0;
	EVP_PKEY_free(priv);
	ERR_clear_error();
	return n;
}

static br_ec_impl pt_tls_ec_impl;
static int pt_tls_ec_state;         /* 0 not checked, 1 ours, -1 BearSSL's */

/* RFC 7748 §5.2, the first X25519 vector: scalar, input u, output u. */
static int pt_tls_ec_selftest(void)
{
	static const unsigned char k[32] = {
		0xa5, 0x46, 0xe3, 0x6b, 0xf0, 0x52, 0x7c, 0x9d, 0x3b, 0x16, 0x15, 0x4b, 0x82, 0x46, 0x5e, 0xdd,
		0x62, 0x14, 0x4c, 0x0a, 0xc1, 0xfc, 0x5a, 0x18, 0x50, 0x6a, 0x22, 0x44, 0xba, 0x44, 0x9a, 0xc4,
	};
	static const unsigned char u[32] = {
		0xe6, 0xdb, 0x68, 0x67, 0x58, 0x30, 0x30, 0xdb, 0x35, 0x94, 0xc1, 0xa4, 0x24, 0xb1, 0x5f, 0x7c,
		0x72, 0x66, 0x24, 0xec, 0x26, 0xb3, 0x35, 0x3b, 0x10, 0xa9, 0x03, 0xa6, 0xd0, 0xab, 0x1c, 0x4c,
	};
	static const unsigned char want[32] = {
		0xc3, 0xda, 0x55, 0x37, 0x9d, 0xe9, 0xc6, 0x90, 0x8e, 0x94, 0xea, 0x4d, 0xf2, 0x8d, 0x08, 0x4f,
		0x32, 0xec, 0xcf, 0x03, 0x49, 0x1c, 0x71, 0xf7, 0x54, 0xb4, 0x07, 0x55, 0x77, 0xa2, 0x85, 0x52,
	};
	unsigned char g[32], r[32];
	size_t n;

	memcpy(g, u, sizeof(g));
	if (pt_tls_ec_x25519(g, sizeof(g), k, sizeof(k)) != 1 || memcmp(g, want, sizeof(want)) != 0)
		return 0;
	/* mulgen must agree with BearSSL's own on the same scalar */
	memcpy(r, pt_tls_ec_base->generator(BR_EC_curve25519, &n), 32);
	if (n != 32 || pt_tls_ec_base->mul(r, 32, k, sizeof(k), BR_EC_curve25519) != 1 ||
	    pt_tls_ec_mulgen(g, k, sizeof(k), BR_EC_curve25519) != 32 || memcmp(g, r, 32) != 0)
		return 0;
	return 1;
}

const br_ec_impl *pt_tls_ec_get(void)
{
	if (pt_tls_ec_state == 0) {
		pt_tls_ec_base = br_ec_get_default();
		pt_tls_ec_impl = *pt_tls_ec_base;       /* BearSSL's, but for these two */
		pt_tls_ec_impl.mul = pt_tls_ec_mul;
		pt_tls_ec_impl.mulgen = pt_tls_ec_mulgen;
		pt_tls_ec_state = (pt_tls_ec_base->supported_curves >> BR_EC_curve25519) & 1 &&
		                  pt_tls_ec_selftest() ? 1 : -1;
	}
	return pt_tls_ec_state == 1 ? &pt_tls_ec_impl : br_ec_get_default();
}
