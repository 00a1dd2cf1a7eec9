/*
 * tlspolicy.c - the certificate choice (tlspolicy.h).  For now the first
 * pair serves every handshake (BearSSL's own single-chain policy).
 */
#include "shell/tlspolicy.h"

void pt_tls_policy_init(struct pt_tls_policy *p, br_ssl_server_context *sc,
                        const struct pt_tls_server *t)
{
	(void)sc;
	p->vtable = NULL;
	p->t = t;
	p->chosen = t->n_certs ? &t->certs[0] : NULL;
}
