/*
 * tlsimpl.c - the hash, PRF and record code of a server engine and of a
 * backend's client engine, chosen once per process (tls.h:
 * pt_tls_impl_server_init, pt_tls_impl_client_init).
 *
 * BearSSL 0.6's br_ssl_server_init_full_*() and br_ssl_client_init_full()
 * pick their AES, GHASH and ChaCha20 code through *_get() selectors that
 * ask the CPU (CPUID) on every call.  Under a hypervisor each CPUID is a
 * VM exit: 23 µs here, about 200 µs for one init_full, more than the
 * crypto of a resumed handshake.  The CPU does not change under a running process, so the
 * selectors run once and their answers are reused.
 *
 * A server engine gets only what tls.c can negotiate: TLS 1.2 with ECDHE
 * and AES-GCM or ChaCha20-Poly1305 (conf/ciphers.c offers no other
 * suite), so no CBC or 3DES code; the EC code, the suites, the versions
 * and the certificate policy are tls.c's own, set after this.  A client
 * engine gets init_full's whole profile (pt_tls_impl_client_init).
 */
#include <bearssl.h>

#include "shell/tls.h"

struct pt_tls_impl {
	const br_block_cbcenc_class *aes_cbcenc;
	const br_block_cbcdec_class *aes_cbcdec;
	const br_block_ctr_class *aes_ctr;
	const br_block_ctrcbc_class *aes_ctrcbc;
	br_ghash ghash;
	br_chacha20_run chacha20;
	br_poly1305_run poly1305;
};

/* What BearSSL's own defaults (ssl_engine_default_aesgcm.c, _aescbc.c,
 * _aesccm.c, _chapol.c) would choose on this CPU, the constant-time
 * portable code otherwise. */
static const struct pt_tls_impl *pt_tls_impl_get(void)
{
	static struct pt_tls_impl impl;
	static int chosen;

	if (!chosen) {
		impl.aes_cbcenc = br_aes_x86ni_cbcenc_get_vtable();
		impl.aes_cbcdec = br_aes_x86ni_cbcdec_get_vtable();
		if (impl.aes_cbcenc == NULL || impl.aes_cbcdec == NULL) {
			impl.aes_cbcenc = &br_aes_ct64_cbcenc_vtable;
			impl.aes_cbcdec = &br_aes_ct64_cbcdec_vtable;
		}
		impl.aes_ctrcbc = br_aes_x86ni_ctrcbc_get_vtable();
		if (impl.aes_ctrcbc == NULL)
			impl.aes_ctrcbc = &br_aes_ct64_ctrcbc_vtable;
		impl.aes_ctr = br_aes_x86ni_ctr_get_vtable();
		if (impl.aes_ctr == NULL)
			impl.aes_ctr = &br_aes_ct64_ctr_vtable;
		impl.ghash = br_ghash_pclmul_get();
		if (impl.ghash == 0)
			impl.ghash = &br_ghash_ctmul64;
		impl.chacha20 = br_chacha20_sse2_get();
		if (impl.chacha20 == 0)
			impl.chacha20 = &br_chacha20_ct_run;
		impl.poly1305 = br_poly1305_ctmulq_get();
		if (impl.poly1305 == 0)
			impl.poly1305 = &br_poly1305_ctmul_run;
		chosen = 1;
	}
	return &impl;
}

static const br_hash_class *const pt_tls_hashes[] = {
	&br_md5_vtable, &br_sha1_vtable, &br_sha224_vtable,
	&br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable,
};

/* TLS 1.2's PRFs and the AEAD record code: what both sides use. */
static void pt_tls_impl_aead(br_ssl_engine_context *eng, const struct pt_tls_impl *impl)
{
	br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_gcm(eng, &br_sslrec_in_gcm_vtable, &br_sslrec_out_gcm_vtable);
	br_ssl_engine_set_aes_ctr(eng, impl->aes_ctr);
	br_ssl_engine_set_ghash(eng, impl->ghash);
	br_ssl_engine_set_chapol(eng, &br_sslrec_in_chapol_vtable, &br_sslrec_out_chapol_vtable);
	br_ssl_engine_set_chacha20(eng, impl->chacha20);
	br_ssl_engine_set_poly1305(eng, impl->poly1305);
}

void pt_tls_impl_server_init(br_ssl_server_context *sc)
{
	br_ssl_server_zero(sc);
	/* all six, as init_full: the client's signature_algorithms pick */
	for (int id = br_md5_ID; id <= br_sha512_ID; id++)
		br_ssl_engine_set_hash(&sc->eng, id, pt_tls_hashes[id - 1]);
	pt_tls_impl_aead(&sc->eng, pt_tls_impl_get());
}

/*
 * Toward a backend, BearSSL's "full" client profile (what
 * br_ssl_client_init_full() sets in 0.6): TLS 1.0 to 1.2 and every suite
 * it implements, so an old backend still gets an answer.  Preferred
 * first: forward secrecy (ECDHE), then ECDH over RSA key exchange,
 * ChaCha20 over AES-GCM over AES-CCM over CBC, AES-128 over AES-256;
 * 3DES last.  tests/tls checks it is init_full's engine byte for byte.
 */
static const uint16_t pt_tls_client_suites[] = {
	BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_CCM,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_CCM,
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8,
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
	BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
	BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
	BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
	BR_TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256,
	BR_TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256,
	BR_TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384,
	BR_TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384,
	BR_TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA,
	BR_TLS_ECDH_RSA_WITH_AES_128_CBC_SHA,
	BR_TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA,
	BR_TLS_ECDH_RSA_WITH_AES_256_CBC_SHA,
	BR_TLS_RSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_RSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_RSA_WITH_AES_128_CCM,
	BR_TLS_RSA_WITH_AES_256_CCM,
	BR_TLS_RSA_WITH_AES_128_CCM_8,
	BR_TLS_RSA_WITH_AES_256_CCM_8,
	BR_TLS_RSA_WITH_AES_128_CBC_SHA256,
	BR_TLS_RSA_WITH_AES_256_CBC_SHA256,
	BR_TLS_RSA_WITH_AES_128_CBC_SHA,
	BR_TLS_RSA_WITH_AES_256_CBC_SHA,
	BR_TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA,
	BR_TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
	BR_TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA,
	BR_TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA,
	BR_TLS_RSA_WITH_3DES_EDE_CBC_SHA,
};

void pt_tls_impl_client_init(br_ssl_client_context *cc, br_x509_minimal_context *xm,
                             const br_x509_trust_anchor *tas, size_t n_tas)
{
	const struct pt_tls_impl *impl = pt_tls_impl_get();
	br_ssl_engine_context *eng = &cc->eng;

	br_ssl_client_zero(cc);
	br_ssl_engine_set_versions(eng, BR_TLS10, BR_TLS12);
	br_ssl_engine_set_suites(eng, pt_tls_client_suites,
	                         sizeof(pt_tls_client_suites) / sizeof(pt_tls_client_suites[0]));
	/* the public-key code has no CPU test: BearSSL's defaults */
	br_ssl_client_set_default_rsapub(cc);
	br_ssl_engine_set_default_rsavrfy(eng);
	br_ssl_engine_set_default_ecdsa(eng);
	/* the certificate check hashes names with SHA-256, as init_full */
	br_x509_minimal_init(xm, &br_sha256_vtable, tas, n_tas);
	br_x509_minimal_set_rsa(xm, br_ssl_engine_get_rsavrfy(eng));
	br_x509_minimal_set_ecdsa(xm, br_ssl_engine_get_ec(eng), br_ssl_engine_get_ecdsa(eng));
	for (int id = br_md5_ID; id <= br_sha512_ID; id++) {
		br_ssl_engine_set_hash(eng, id, pt_tls_hashes[id - 1]);
		br_x509_minimal_set_hash(xm, id, pt_tls_hashes[id - 1]);
	}
	br_ssl_engine_set_x509(eng, &xm->vtable);
	br_ssl_engine_set_prf10(eng, &br_tls10_prf);
	pt_tls_impl_aead(eng, impl);
	br_ssl_engine_set_cbc(eng, &br_sslrec_in_cbc_vtable, &br_sslrec_out_cbc_vtable);
	br_ssl_engine_set_aes_cbc(eng, impl->aes_cbcenc, impl->aes_cbcdec);
	br_ssl_engine_set_ccm(eng, &br_sslrec_in_ccm_vtable, &br_sslrec_out_ccm_vtable);
	br_ssl_engine_set_aes_ctrcbc(eng, impl->aes_ctrcbc);
	br_ssl_engine_set_des_cbc(eng, &br_des_ct_cbcenc_vtable, &br_des_ct_cbcdec_vtable);
}
