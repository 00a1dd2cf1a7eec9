/*
 * tlsbackend.h - TLS toward the backend (postern extension): proxy_ssl
 * on (implicit TLS) or starttls (the backend's STARTTLS / STLS, driven by
 * the core), with the certificate checked as nginx's proxy_ssl_* do.
 *
 * Implementation notes
 * - The engine is BearSSL's client (tls.h: pt_tls_new_client), with the
 *   trust anchors of proxy_ssl_trusted_certificate and BearSSL's minimal
 *   X.509 check (chain, dates, key usage, the name).  BearSSL checks the
 *   name it sends as SNI; a wrapper passes proxy_ssl_name to the check
 *   instead, so SNI (proxy_ssl_server_name) and the check are apart.
 * - proxy_ssl_verify off, nginx's default, takes any certificate: the
 *   session is encrypted but the backend is not authenticated.
 * - The name defaults to the backend's address from Auth-Server: it is
 *   then matched as text against the certificate's names (BearSSL has no
 *   IP SANs), and never sent as SNI (RFC 6066 §3).
 */
#ifndef PT_SHELL_TLSBACKEND_H
#define PT_SHELL_TLSBACKEND_H

#include <bearssl.h>

#include "conf/conf.h"
#include "shell/errlog.h"

struct pt_tls_backend {
	int mode;                       /* PT_PROXY_SSL_OFF / _ON / _STARTTLS */
	int verify;                     /* proxy_ssl_verify */
	br_x509_trust_anchor *tas;      /* proxy_ssl_trusted_certificate; owned */
	size_t n_tas;
	const char *name;               /* proxy_ssl_name, or NULL: the backend's address */
	int server_name;                /* proxy_ssl_server_name: send the name as SNI */
};

/* From srv's proxy_ssl* directives.  0 ok; -1 after one [emerg]. */
int pt_tls_backend_load(struct pt_tls_backend *b, const struct pt_conf *conf,
                        const struct pt_conf_server *srv, pt_check_msg_fn msg, void *ctx);
void pt_tls_backend_free(struct pt_tls_backend *b);

/* An X.509 class in front of another that checks `name` whatever name
 * the engine passes (vtable first, as BearSSL wants). */
struct pt_tls_namecheck {
	const br_x509_class *vtable;
	const br_x509_class **inner;
	const char *name;
};
void pt_tls_namecheck_init(struct pt_tls_namecheck *nc, const br_x509_class **inner,
                           const char *name);

/* Is name an IPv4 or IPv6 address literal? */
int pt_tls_is_addr(const char *name);

#endif
