/*
 * tlsverify.c - client certificates: BearSSL's X.509 engine replaced by a
 * chain collector, then libcrypto's verifier and printers (tlsverify.h).
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <stdlib.h>
#include <string.h>

#include "shell/tlsconf.h"
#include "shell/tlsverify.h"

#define PT_PEER_CERTS 10
#define PT_PEER_DER (64 * 1024)

struct pt_tls_verify {
	X509_STORE *store;
	br_x500_name *names;            /* DER subjects of ssl_client_certificate */
	size_t n_names;
};

struct pt_tls_peer {
	const br_x509_class *vtable;    /* first: BearSSL's view of it */
	unsigned char *der;             /* the certificates as sent, back to back */
	size_t len, cap;
	size_t end[PT_PEER_CERTS];      /* where each one ends */
	unsigned n;                     /* complete certificates */
	unsigned err;                   /* BR_ERR_X509_*: the chain was refused */
	unsigned usages;                /* what the engine may do with the key */
	br_x509_pkey pkey;              /* the leaf's, into keybuf */
	unsigned char keybuf[1100];
};

/* ---- loading ---------------------------------------------------------------- */

static void pt_verify_ssl_error(char *buf, size_t cap)
{
	unsigned long e = ERR_peek_last_error();

	if (e == 0 || ERR_GET_REASON(e) == PEM_R_NO_START_LINE ||
	    ERR_GET_REASON(e) == X509_R_NO_CERTIFICATE_OR_CRL_FOUND)
		snprintf(buf, cap, "no PEM object of that kind in the file");
	else
		ERR_error_string_n(e, buf, cap);
	ERR_clear_error();
}

static int pt_verify_add_name(struct pt_tls_verify *v, const X509_NAME *name)
{
	unsigned char *der = NULL;
	int len = i2d_X509_NAME(name, &der);
	br_x500_name *n;

	if (len <= 0)
		return -1;
	n = realloc(v->names, (v->n_names + 1) * sizeof(*n));
	if (n == NULL) {
		OPENSSL_free(der);
		return -1;
	}
	v->names = n;
	n[v->n_names].data = der;
	n[v->n_names].len = (size_t)len;
	v->n_names++;
	return 0;
}

/* A PEM file's certificates and CRLs into the store, as nginx's
 * SSL_CTX_load_verify_locations / X509_load_crl_file; with names, the
 * subjects of its certificates become the CA names the request sends. */
static int pt_verify_load_file(struct pt_tls_verify *v, const char *full, int names)
{
	X509_LOOKUP *lk = X509_STORE_add_lookup(v->store, X509_LOOKUP_file());
	STACK_OF(X509_INFO) *inf;
	BIO *b;
	int r = 0;

	if (lk == NULL || X509_load_cert_crl_file(lk, full, X509_FILETYPE_PEM) <= 0)
		return -1;
	if (!names)
		return 0;
	if ((b = BIO_new_file(full, "r")) == NULL)
		return -1;
	inf = PEM_X509_INFO_read_bio(b, NULL, NULL, NULL);
	BIO_free(b);
	if (inf == NULL)
		return -1;
	for (int i = 0; r == 0 && i < sk_X509_INFO_num(inf); i++) {
		const X509_INFO *xi = sk_X509_INFO_value(inf, i);
		if (xi->x509 != NULL)
			r = pt_verify_add_name(v, X509_get_subject_name(xi->x509));
	}
	sk_X509_INFO_pop_free(inf, X509_INFO_free);
	return r;
}

/* One file of one directive; -1 after the [emerg]. */
static int pt_verify_file(struct pt_tls_verify *v, const struct pt_conf *conf, const char *dir,
                          const char *path, int names, pt_check_msg_fn msg, void *ctx)
{
	char *full = pt_tlsconf_fullname(conf, path), why[256];
	int r;

	if (full == NULL)
		return -1;
	ERR_clear_error();
	r = pt_verify_load_file(v, full, names);
	if (r < 0) {
		pt_verify_ssl_error(why, sizeof(why));
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load %s \"%s\": %s", dir, full, why);
	}
	free(full);
	return r < 0 ? -1 : 0;
}

/* The server's leaf subject: BearSSL sends no CertificateRequest without
 * a CA name, and optional_no_ca may have no CA file. */
static int pt_verify_own_name(struct pt_tls_verify *v, const br_x509_certificate *leaf)
{
	const unsigned char *p = leaf->data;
	X509 *x = d2i_X509(NULL, &p, (long)leaf->data_len);
	int r;

	if (x == NULL)
		return -1;
	r = pt_verify_add_name(v, X509_get_subject_name(x));
	X509_free(x);
	return r;
}

int pt_tls_verify_load(struct pt_tls_verify **out, const struct pt_conf *conf,
                       const struct pt_conf_server *srv, const br_x509_certificate *leaf,
                       pt_check_msg_fn msg, void *ctx)
{
	struct pt_tls_verify *v;

	*out = NULL;
	if (srv->ssl_verify_client == PT_VERIFY_OFF)
		return 0;
	if ((v = calloc(1, sizeof(*v))) == NULL || (v->store = X509_STORE_new()) == NULL) {
		free(v);
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "ssl_verify_client: out of memory");
		return -1;
	}
	/* nginx: SSL_CTX_set_verify_depth, and CRLs for the whole chain */
	X509_STORE_set_depth(v->store, (int)srv->ssl_verify_depth);
	if ((srv->ssl_client_certificate.p != NULL &&
	     pt_verify_file(v, conf, "ssl_client_certificate", srv->ssl_client_certificate.p, 1,
	                    msg, ctx)) ||
	    (srv->ssl_trusted_certificate.p != NULL &&
	     pt_verify_file(v, conf, "ssl_trusted_certificate", srv->ssl_trusted_certificate.p, 0,
	                    msg, ctx)) ||
	    (srv->ssl_crl.p != NULL &&
	     pt_verify_file(v, conf, "ssl_crl", srv->ssl_crl.p, 0, msg, ctx))) {
		pt_tls_verify_free(v);
		return -1;
	}
	if (srv->ssl_crl.p != NULL)
		X509_STORE_set_flags(v->store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
	if (v->n_names == 0 && pt_verify_own_name(v, leaf) != 0) {
		pt_tls_verify_free(v);
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "ssl_verify_client: cannot read the "
		              "certificate's subject");
		return -1;
	}
	*out = v;
	return 0;
}

void pt_tls_verify_free(struct pt_tls_verify *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->n_names; i++)
		OPENSSL_free(v->names[i].data);
	free(v->names);
	X509_STORE_free(v->store);
	free(v);
}

/* ---- the collector: BearSSL's X.509 class ---------------------------------------- */

static void pt_peer_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct pt_tls_peer *p = (struct pt_tls_peer *)(void *)ctx;

	(void)server_name;
	p->len = 0;
	p->n = 0;
	p->err = 0;
}

static void pt_peer_start_cert(const br_x509_class **ctx, uint32_t length)
{
	struct pt_tls_peer *p = (struct pt_tls_peer *)(void *)ctx;
	unsigned char *d;

	if (p->err)
		return;
	if (p->n >= PT_PEER_CERTS || length > PT_PEER_DER - p->len) {
		p->err = BR_ERR_X509_LIMIT_EXCEEDED;
		return;
	}
	if (p->len + length > p->cap) {
		if ((d = realloc(p->der, p->len + length)) == NULL) {
			p->err = BR_ERR_X509_LIMIT_EXCEEDED;
			return;
		}
		p->der = d;
		p->cap = p->len + length;
	}
}

static void pt_peer_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	struct pt_tls_peer *p = (struct pt_tls_peer *)(void *)ctx;

	if (p->err)
		return;
	if (len > p->cap - p->len) {
		p->err = BR_ERR_X509_LIMIT_EXCEEDED;
		return;
	}
	memcpy(p->der + p->len, buf, len);
	p->len += len;
}

static void pt_peer_end_cert(const br_x509_class **ctx)
{
	struct pt_tls_peer *p = (struct pt_tls_peer *)(void *)ctx;

	if (!p->err)
		p->end[p->n++] = p->len;
}

/* The leaf's key, copied out of the decoder, for CertificateVerify. */
static unsigned pt_peer_leaf_key(struct pt_tls_peer *p)
{
	br_x509_decoder_context dc;
	const br_x509_pkey *k;
	unsigned char *kb = p->keybuf;

	br_x509_decoder_init(&dc, NULL, NULL);
	br_x509_decoder_push(&dc, p->der, p->end[0]);
	if ((k = br_x509_decoder_get_pkey(&dc)) == NULL)
		return br_x509_decoder_last_error(&dc) ? (unsigned)br_x509_decoder_last_error(&dc)
		                                       : BR_ERR_X509_BAD_DN;
	p->pkey.key_type = k->key_type;
	if (k->key_type == BR_KEYTYPE_RSA) {
		if (k->key.rsa.nlen + k->key.rsa.elen > sizeof(p->keybuf))
			return BR_ERR_X509_LIMIT_EXCEEDED;
		memcpy(kb, k->key.rsa.n, k->key.rsa.nlen);
		memcpy(kb + k->key.rsa.nlen, k->key.rsa.e, k->key.rsa.elen);
		p->pkey.key.rsa.n = kb;
		p->pkey.key.rsa.nlen = k->key.rsa.nlen;
		p->pkey.key.rsa.e = kb + k->key.rsa.nlen;
		p->pkey.key.rsa.elen = k->key.rsa.elen;
	} else {
		if (k->key.ec.qlen > sizeof(p->keybuf))
			return BR_ERR_X509_LIMIT_EXCEEDED;
		memcpy(kb, k->key.ec.q, k->key.ec.qlen);
		p->pkey.key.ec.curve = k->key.ec.curve;
		p->pkey.key.ec.q = kb;
		p->pkey.key.ec.qlen = k->key.ec.qlen;
	}
	return 0;
}

/* Accept any chain whose leaf has a usable key: whether it is trusted is
 * decided after the handshake, as nginx does. */
static unsigned pt_peer_end_chain(const br_x509_class **ctx)
{
	struct pt_tls_peer *p = (struct pt_tls_peer *)(void *)ctx;

	if (p->err)
		return p->err;
	if (p->n == 0)
		return BR_ERR_X509_EMPTY_CHAIN;
	p->err = pt_peer_leaf_key(p);
	return p->err;
}

static const br_x509_pkey *pt_peer_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	const struct pt_tls_peer *p = (const struct pt_tls_peer *)(const void *)ctx;

	if (p->err || p->n == 0)
		return NULL;
	if (usages != NULL)
		*usages = p->usages;
	return &p->pkey;
}

static const br_x509_class pt_peer_class = {
	sizeof(struct pt_tls_peer), pt_peer_start_chain, pt_peer_start_cert, pt_peer_append,
	pt_peer_end_cert, pt_peer_end_chain, pt_peer_get_pkey
};

struct pt_tls_peer *pt_tls_peer_attach(const struct pt_tls_verify *v, br_ssl_server_context *sc)
{
	struct pt_tls_peer *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->vtable = &pt_peer_class;
	p->usages = BR_KEYTYPE_SIGN;    /* a client signs (CertificateVerify) */
	br_ssl_engine_set_x509(&sc->eng, &p->vtable);
	br_ssl_server_set_trust_anchor_names(sc, v->names, v->n_names);
	/* every mode lets the handshake end; the core refuses afterwards */
	br_ssl_engine_add_flags(&sc->eng, BR_OPT_TOLERATE_NO_CLIENT_AUTH);
	/* the full server profiles leave these unset (deps: error 26) */
	br_ssl_engine_set_default_rsavrfy(&sc->eng);
	br_ssl_engine_set_default_ecdsa(&sc->eng);
	return p;
}

struct pt_tls_peer *pt_tls_peer_attach_client(br_ssl_engine_context *eng)
{
	struct pt_tls_peer *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->vtable = &pt_peer_class;
	p->usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	br_ssl_engine_set_x509(eng, &p->vtable);
	return p;
}

void pt_tls_peer_free(struct pt_tls_peer *p)
{
	if (p == NULL)
		return;
	free(p->der);
	free(p);
}

/* ---- the check and the strings ---------------------------------------------------- */

static char *pt_verify_bio_str(BIO *b)
{
	char *data, *s;
	long n = BIO_get_mem_data(b, &data);

	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	memcpy(s, data, (size_t)n);
	s[n] = '\0';
	return s;
}

static char *pt_verify_name(const X509_NAME *name)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *s = NULL;

	if (b != NULL && X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253) >= 0)
		s = pt_verify_bio_str(b);
	BIO_free(b);
	return s;
}

static char *pt_verify_serial(X509 *x)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *s = NULL;

	if (b != NULL && i2a_ASN1_INTEGER(b, X509_get_serialNumber(x)) >= 0)
		s = pt_verify_bio_str(b);
	BIO_free(b);
	return s;
}

static char *pt_verify_pem(X509 *x)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *s = NULL;

	if (b != NULL && PEM_write_bio_X509(b, x) == 1)
		s = pt_verify_bio_str(b);
	BIO_free(b);
	return s;
}

static char *pt_verify_fingerprint(X509 *x)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	char *s;

	if (X509_digest(x, EVP_sha1(), md, &len) != 1 || (s = malloc(2 * len + 1)) == NULL)
		return NULL;
	for (unsigned i = 0; i < len; i++) {
		s[2 * i] = hex[md[i] >> 4];
		s[2 * i + 1] = hex[md[i] & 15];
	}
	s[2 * len] = '\0';
	return s;
}

/* nginx's verify callback: note the error and go on, so the last error
 * found is the one reported. */
static int pt_verify_cb(int ok, X509_STORE_CTX *xc)
{
	(void)ok;
	(void)xc;
	return 1;
}

/* What optional_no_ca lets through (nginx: ngx_ssl_verify_error_optional). */
static int pt_verify_no_ca(int code)
{
	return code == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
	       code == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
	       code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
	       code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
	       code == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE;
}

/* The chain's check: its X509_V_ERR_* code, or -1 when it could not run. */
static int pt_verify_chain(const struct pt_tls_verify *v, const struct pt_tls_peer *p, X509 *leaf)
{
	STACK_OF(X509) *rest = sk_X509_new_null();
	X509_STORE_CTX *xc = X509_STORE_CTX_new();
	int code = -1;

	for (unsigned i = 1; rest != NULL && i < p->n; i++) {
		const unsigned char *d = p->der + p->end[i - 1];
		X509 *x = d2i_X509(NULL, &d, (long)(p->end[i] - p->end[i - 1]));
		if (x != NULL && !sk_X509_push(rest, x))
			X509_free(x);
	}
	if (rest != NULL && xc != NULL && X509_STORE_CTX_init(xc, v->store, leaf, rest) == 1) {
		X509_STORE_CTX_set_default(xc, "ssl_client");
		X509_STORE_CTX_set_verify_cb(xc, pt_verify_cb);
		(void)X509_verify_cert(xc);
		code = X509_STORE_CTX_get_error(xc);
	}
	X509_STORE_CTX_free(xc);
	sk_X509_pop_free(rest, X509_free);
	ERR_clear_error();
	return code;
}

static char *pt_verify_text(int code)
{
	const char *why = X509_verify_cert_error_string(code);
	size_t n = strlen(why) + sizeof("FAILED:");
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s", code == X509_V_OK ? "" : "FAILED:",
		         code == X509_V_OK ? "SUCCESS" : why);
	return s;
}

int pt_tls_verify_peer(const struct pt_tls_verify *v, const struct pt_tls_peer *p, int with_pem,
                       struct pt_tls_certinfo *ci)
{
	const unsigned char *d;
	X509 *leaf;
	int code;

	memset(ci, 0, sizeof(*ci));
	if (p == NULL || p->n == 0 || p->err) {
		ci->result = PT_CERT_NONE;
		ci->verify = strdup("NONE");
		return ci->verify != NULL ? 0 : -1;
	}
	d = p->der;
	if ((leaf = d2i_X509(NULL, &d, (long)p->end[0])) == NULL) {
		/* BearSSL took it, libcrypto does not: a failed check */
		ERR_clear_error();
		ci->result = PT_CERT_BAD;
		ci->code = X509_V_ERR_UNSPECIFIED;
		ci->verify = pt_verify_text(ci->code);
		return ci->verify != NULL ? 0 : -1;
	}
	code = pt_verify_chain(v, p, leaf);
	if (code < 0)
		code = X509_V_ERR_UNSPECIFIED;
	ci->code = code;
	ci->result = code == X509_V_OK ? PT_CERT_OK
	             : pt_verify_no_ca(code) ? PT_CERT_UNTRUSTED : PT_CERT_BAD;
	ci->verify = pt_verify_text(code);
	ci->subject = pt_verify_name(X509_get_subject_name(leaf));
	ci->issuer = pt_verify_name(X509_get_issuer_name(leaf));
	ci->serial = pt_verify_serial(leaf);
	ci->fingerprint = pt_verify_fingerprint(leaf);
	if (with_pem)
		ci->pem = pt_verify_pem(leaf);
	X509_free(leaf);
	ERR_clear_error();
	if (ci->verify == NULL || ci->subject == NULL || ci->issuer == NULL || ci->serial == NULL ||
	    ci->fingerprint == NULL || (with_pem && ci->pem == NULL)) {
		pt_tls_certinfo_free(ci);
		return -1;
	}
	return 0;
}

void pt_tls_certinfo_free(struct pt_tls_certinfo *ci)
{
	free(ci->verify);
	free(ci->subject);
	free(ci->issuer);
	free(ci->serial);
	free(ci->fingerprint);
	free(ci->pem);
	memset(ci, 0, sizeof(*ci));
}
