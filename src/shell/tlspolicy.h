/*
 * tlspolicy.h - which of a server's certificates a handshake gets: by the
 * client's server name (SNI, postern extension) and by what it supports
 * (an ECDSA certificate where the client takes ECDHE_ECDSA, else RSA).
 */
#ifndef PT_SHELL_TLSPOLICY_H
#define PT_SHELL_TLSPOLICY_H

#include <bearssl.h>

#include "shell/tlsconf.h"

struct pt_tls_policy {
	const br_ssl_server_policy_class *vtable;
	const struct pt_tls_server *t;
	const struct pt_tls_cert *chosen;
};

/* Put p in charge of sc's certificate choice (after br_ssl_server_init_*). */
void pt_tls_policy_init(struct pt_tls_policy *p, br_ssl_server_context *sc,
                        const struct pt_tls_server *t);

#endif
