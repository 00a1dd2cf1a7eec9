/*
 * tlsimpl.c - the hash, PRF and record code of a server engine, chosen
 * once per process (tls.h: pt_tls_impl_server_init).
 *
 * BearSSL 0.6's br_ssl_server_init_full_*() pick their AES, GHASH and
 * ChaCha20 code through *_get() selectors that ask the CPU (CPUID) on
 * every call.  Under a hypervisor each CPUID is a VM exit: 23 µs here,
 * about 200 µs for one init_full, more than the crypto of a resumed
 * handshake.  The CPU does not change under a running process, so the
 * selectors run once and their answers are reused.
 *
 * Only what tls.c can negotiate is set: TLS 1.2 with ECDHE and AES-GCM or
 * ChaCha20-Poly1305 (conf/ciphers.c offers no other suite), so there is
 * no CBC or 3DES code; the EC code, the suites, the versions and the
 * certificate policy are tls.c's own, set after this.
 */
#include <bearssl.h>

#include "shell/tls.h"

struct pt_tls_impl {
	const br_block_ctr_class *aes_ctr;
	br_ghash ghash;
	br_chacha20_run chacha20;
	br_poly1305_run poly1305;
};

/* What BearSSL's own defaults (ssl_engine_default_aesgcm.c, _chapol.c)
 * would choose on this CPU, the constant-time portable code otherwise. */
static const struct pt_tls_impl *pt_tls_impl_get(void)
{
	static struct pt_tls_impl impl;
	static int chosen;

	if (!chosen) {
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

void pt_tls_impl_server_init(br_ssl_server_context *sc)
{
	static const br_hash_class *const hashes[] = {
		&br_md5_vtable, &br_sha1_vtable, &br_sha224_vtable,
		&br_sha256_vtable, &br_sha384_vtable, &br_sha512_vtable,
	};
	const struct pt_tls_impl *impl = pt_tls_impl_get();
	br_ssl_engine_context *eng = &sc->eng;

	br_ssl_server_zero(sc);
	/* all six, as init_full: the client's signature_algorithms pick */
	for (int id = br_md5_ID; id <= br_sha512_ID; id++)
		br_ssl_engine_set_hash(eng, id, hashes[id - 1]);
	br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_gcm(eng, &br_sslrec_in_gcm_vtable, &br_sslrec_out_gcm_vtable);
	br_ssl_engine_set_aes_ctr(eng, impl->aes_ctr);
	br_ssl_engine_set_ghash(eng, impl->ghash);
	br_ssl_engine_set_chapol(eng, &br_sslrec_in_chapol_vtable, &br_sslrec_out_chapol_vtable);
	br_ssl_engine_set_chacha20(eng, impl->chacha20);
	br_ssl_engine_set_poly1305(eng, impl->poly1305);
}
