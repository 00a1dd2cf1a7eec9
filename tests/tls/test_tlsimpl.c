/*
 * tests/tls/test_tlsimpl.c - src/shell/tlsimpl.c against the BearSSL it
 * is linked with: the engines it sets up without CPUID calls in each
 * session must be the ones BearSSL's own init_full functions make.
 */
#include <bearssl.h>
#include <string.h>

#include "pt_test.h"
#include "shell/tls.h"

static br_ssl_client_context cc_ref, cc_ours;
static br_x509_minimal_context xm_ref, xm_ours;
static br_ssl_server_context sc_ref, sc_ours;

/* Where two objects differ: -1 when they do not. */
static long first_diff(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return (long)i;
	return -1;
}

/* Toward a backend: br_ssl_client_init_full()'s engine and certificate
 * check, byte for byte (garbage first, so no field is left unset). */
PT_TEST(client_is_init_full)
{
	static const br_x509_trust_anchor tas[2];

	memset(&cc_ref, 0xa5, sizeof(cc_ref));
	memset(&cc_ours, 0x5a, sizeof(cc_ours));
	memset(&xm_ref, 0xa5, sizeof(xm_ref));
	memset(&xm_ours, 0x5a, sizeof(xm_ours));
	br_ssl_client_init_full(&cc_ref, &xm_ref, tas, 2);
	pt_tls_impl_client_init(&cc_ours, &xm_ours, tas, 2);
	/* each engine points at its own certificate check */
	PT_CHECK(cc_ref.eng.x509ctx == &xm_ref.vtable);
	PT_CHECK(cc_ours.eng.x509ctx == &xm_ours.vtable);
	cc_ours.eng.x509ctx = cc_ref.eng.x509ctx;
	PT_CHECK_EQ(first_diff(&cc_ref, &cc_ours, sizeof(cc_ref)), -1);
	PT_CHECK_EQ(first_diff(&xm_ref, &xm_ours, sizeof(xm_ref)), -1);
	/* and it did set something: the suites of the full profile */
	PT_CHECK(cc_ours.eng.suites_num > 30);
	PT_CHECK(cc_ours.eng.iaes_cbcenc != NULL && cc_ours.eng.ides_cbcenc != NULL);
}

/* A server engine: the hashes, PRFs and AEAD code init_full_ec chooses
 * (the rest, suites and versions, is tls.c's own policy). */
PT_TEST(server_code_is_init_full)
{
	static const br_x509_certificate chain[1];
	static const br_ec_private_key sk;
	const br_ssl_engine_context *r = &sc_ref.eng, *o = &sc_ours.eng;

	br_ssl_server_init_full_ec(&sc_ref, chain, 1, BR_KEYTYPE_EC, &sk);
	pt_tls_impl_server_init(&sc_ours);
	for (int id = br_md5_ID; id <= br_sha512_ID; id++)
		PT_CHECK(br_ssl_engine_get_hash(&sc_ref.eng, id) ==
		         br_ssl_engine_get_hash(&sc_ours.eng, id));
	PT_CHECK(r->prf_sha256 == o->prf_sha256 && r->prf_sha384 == o->prf_sha384);
	PT_CHECK(r->iaes_ctr == o->iaes_ctr && r->ighash == o->ighash);
	PT_CHECK(r->igcm_in == o->igcm_in && r->igcm_out == o->igcm_out);
	PT_CHECK(r->ichacha == o->ichacha && r->ipoly == o->ipoly);
	PT_CHECK(r->ichapol_in == o->ichapol_in && r->ichapol_out == o->ichapol_out);
	PT_CHECK(o->iaes_ctr != NULL && o->ichacha != NULL);
	/* no CBC, CCM or 3DES code: tls.c never offers those suites */
	PT_CHECK(o->iaes_cbcenc == NULL && o->ides_cbcenc == NULL && o->iaes_ctrcbc == NULL);
}

/* The CPU is asked once: a second engine gets the same code. */
PT_TEST(chosen_once)
{
	pt_tls_impl_client_init(&cc_ref, &xm_ref, NULL, 0);
	pt_tls_impl_client_init(&cc_ours, &xm_ours, NULL, 0);
	PT_CHECK(cc_ref.eng.iaes_ctr == cc_ours.eng.iaes_ctr);
	PT_CHECK(cc_ref.eng.iaes_ctrcbc == cc_ours.eng.iaes_ctrcbc);
	PT_CHECK(cc_ref.eng.iaes_cbcenc == cc_ours.eng.iaes_cbcenc);
}

PT_TEST_MAIN(PT_TEST_ENTRY(client_is_init_full), PT_TEST_ENTRY(server_code_is_init_full),
             PT_TEST_ENTRY(chosen_once))
