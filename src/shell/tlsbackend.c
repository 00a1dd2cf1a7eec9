/*
 * tlsbackend.c - proxy_ssl*: trust anchors, the name check (tlsbackend.h).
 */
#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "shell/tlsbackend.h"
#include "shell/tlsconf.h"

/* ---- trust anchors ------------------------------------------------------------ */

struct pt_ta_dn {
	unsigned char *p;
	size_t len, cap;
	int err;
};

static void pt_ta_dn_append(void *ctx, const void *buf, size_t len)
{
	struct pt_ta_dn *d = ctx;
	unsigned char *n;

	if (d->err)
		return;
	if (len > d->cap - d->len) {
		if ((n = realloc(d->p, d->len + len + 64)) == NULL) {
			d->err = 1;
			return;
		}
		d->p = n;
		d->cap = d->len + len + 64;
	}
	memcpy(d->p + d->len, buf, len);
	d->len += len;
}

static unsigned char *pt_ta_copy(const unsigned char *p, size_t n)
{
	unsigned char *c = malloc(n ? n : 1);

	if (c != NULL && n)
		memcpy(c, p, n);
	return c;
}

static void pt_ta_free(br_x509_trust_anchor *ta)
{
	free(ta->dn.data);
	if (ta->pkey.key_type == BR_KEYTYPE_RSA) {
		free(ta->pkey.key.rsa.n);
		free(ta->pkey.key.rsa.e);
	} else {
		free(ta->pkey.key.ec.q);
	}
}

/* One DER certificate as a trust anchor (its DN and key, copied). */
static int pt_ta_from_der(br_x509_trust_anchor *ta, const unsigned char *der, size_t len)
{
	br_x509_decoder_context dc;
	struct pt_ta_dn dn = { 0 };
	const br_x509_pkey *pk;

	memset(ta, 0, sizeof(*ta));
	br_x509_decoder_init(&dc, pt_ta_dn_append, &dn);
	br_x509_decoder_push(&dc, der, len);
	if ((pk = br_x509_decoder_get_pkey(&dc)) == NULL || dn.err) {
		free(dn.p);
		return -1;
	}
	ta->dn.data = dn.p;
	ta->dn.len = dn.len;
	ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
	ta->pkey.key_type = pk->key_type;
	if (pk->key_type == BR_KEYTYPE_RSA) {
		ta->pkey.key.rsa.n = pt_ta_copy(pk->key.rsa.n, pk->key.rsa.nlen);
		ta->pkey.key.rsa.nlen = pk->key.rsa.nlen;
		ta->pkey.key.rsa.e = pt_ta_copy(pk->key.rsa.e, pk->key.rsa.elen);
		ta->pkey.key.rsa.elen = pk->key.rsa.elen;
		if (ta->pkey.key.rsa.n == NULL || ta->pkey.key.rsa.e == NULL)
			goto fail;
	} else {
		ta->pkey.key.ec.curve = pk->key.ec.curve;
		ta->pkey.key.ec.q = pt_ta_copy(pk->key.ec.q, pk->key.ec.qlen);
		ta->pkey.key.ec.qlen = pk->key.ec.qlen;
		if (ta->pkey.key.ec.q == NULL)
			goto fail;
	}
	return 0;
fail:
	pt_ta_free(ta);
	return -1;
}

/* Every certificate of a PEM file; -1 with why set. */
static int pt_ta_load(struct pt_tls_backend *b, const char *full, const char **why)
{
	BIO *in = BIO_new_file(full, "r");
	X509 *x;

	*why = "cannot open the file";
	if (in == NULL)
		return -1;
	while ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
		unsigned char *der = NULL;
		int len = i2d_X509(x, &der);
		br_x509_trust_anchor *n = realloc(b->tas, (b->n_tas + 1) * sizeof(*n));
		X509_free(x);
		if (n != NULL)
			b->tas = n;
		*why = "not a certificate BearSSL can use (RSA or EC on P-256/384/521)";
		if (len <= 0 || n == NULL || pt_ta_from_der(&n[b->n_tas], der, (size_t)len) != 0) {
			OPENSSL_free(der);
			BIO_free(in);
			ERR_clear_error();
			return -1;
		}
		OPENSSL_free(der);
		b->n_tas++;
	}
	BIO_free(in);
	ERR_clear_error();
	*why = "no certificate in the file";
	return b->n_tas ? 0 : -1;
}

int pt_tls_backend_load(struct pt_tls_backend *b, const struct pt_conf *conf,
                        const struct pt_conf_server *srv, pt_check_msg_fn msg, void *ctx)
{
	const char *why;
	char *full;

	memset(b, 0, sizeof(*b));
	b->mode = srv->proxy_ssl;
	if (b->mode == PT_PROXY_SSL_OFF)
		return 0;
	b->verify = srv->proxy_ssl_verify;
	b->name = srv->proxy_ssl_name.p;
	b->server_name = srv->proxy_ssl_server_name;
	if (srv->proxy_ssl_trusted_certificate.p == NULL)
		return 0;       /* the config layer wants one with proxy_ssl_verify on */
	if ((full = pt_tlsconf_fullname(conf, srv->proxy_ssl_trusted_certificate.p)) == NULL)
		return -1;
	if (pt_ta_load(b, full, &why) != 0) {
		pt_check_msgf(msg, ctx, PT_LOG_EMERG, "cannot load proxy_ssl_trusted_certificate "
		              "\"%s\": %s", full, why);
		free(full);
		pt_tls_backend_free(b);
		return -1;
	}
	free(full);
	return 0;
}

void pt_tls_backend_free(struct pt_tls_backend *b)
{
	for (size_t i = 0; i < b->n_tas; i++)
		pt_ta_free(&b->tas[i]);
	free(b->tas);
	b->tas = NULL;
	b->n_tas = 0;
}

/* ---- the name check ------------------------------------------------------------- */

static const br_x509_class **pt_nc_inner(const br_x509_class **ctx)
{
	return ((struct pt_tls_namecheck *)(void *)ctx)->inner;
}

static void pt_nc_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct pt_tls_namecheck *nc = (struct pt_tls_namecheck *)(void *)ctx;

	(void)server_name;
	(*nc->inner)->start_chain(nc->inner, nc->name);
}

static void pt_nc_start_cert(const br_x509_class **ctx, uint32_t length)
{
	(*pt_nc_inner(ctx))->start_cert(pt_nc_inner(ctx), length);
}

static void pt_nc_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	(*pt_nc_inner(ctx))->append(pt_nc_inner(ctx), buf, len);
}

static void pt_nc_end_cert(const br_x509_class **ctx)
{
	(*pt_nc_inner(ctx))->end_cert(pt_nc_inner(ctx));
}

static unsigned pt_nc_end_chain(const br_x509_class **ctx)
{
	return (*pt_nc_inner(ctx))->end_chain(pt_nc_inner(ctx));
}

static const br_x509_pkey *pt_nc_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	const struct pt_tls_namecheck *nc = (const struct pt_tls_namecheck *)(const void *)ctx;

	return (*nc->inner)->get_pkey(nc->inner, usages);
}

static const br_x509_class pt_nc_class = {
	sizeof(struct pt_tls_namecheck), pt_nc_start_chain, pt_nc_start_cert, pt_nc_append,
	pt_nc_end_cert, pt_nc_end_chain, pt_nc_get_pkey
};

void pt_tls_namecheck_init(struct pt_tls_namecheck *nc, const br_x509_class **inner,
                           const char *name)
{
	nc->vtable = &pt_nc_class;
	nc->inner = inner;
	nc->name = name;
}

int pt_tls_is_addr(const char *name)
{
	unsigned char a[16];

	return inet_pton(AF_INET, name, a) == 1 || inet_pton(AF_INET6, name, a) == 1;
}
