/*
 * tlspolicy.h - which of a server's certificates a handshake gets: by the
 * client's server name (SNI, postern extension) and by what it supports
 * (an ECDSA certificate where the client takes ECDHE_ECDSA, else RSA).
 */
#ifndef PT_SHELL_TLSPOLICY_H
#define PT_SHELL_TLSPOLICY_H

#include <bearssl.h>

#include "shell/tlsconf.h"

/* A br_ssl_server_policy_class context (vtable first, as BearSSL wants):
 * it lives beside the server context it serves, one per connection. */
struct pt_tls_policy {
	const br_ssl_server_policy_class *vtable;
	const struct pt_tls_server *t;
	const struct pt_tls_cert *chosen;   /* by choose(), for do_sign(); NULL: none */
	br_ssl_server_context *sc;          /* its hashes and EC code, read at sign time */
	br_rsa_pkcs1_sign rsa_sign;
	br_ecdsa_sign ecdsa_sign;
};

/* Put p in charge of sc's certificate choice (after br_ssl_server_init_*,
 * which may have installed a single-chain policy: this one replaces it).
 * p and t must outlive every handshake of sc. */
void pt_tls_policy_init(struct pt_tls_policy *p, br_ssl_server_context *sc,
                        const struct pt_tls_server *t);

#endif
