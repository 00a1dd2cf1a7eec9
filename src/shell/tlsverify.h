/*
 * tlsverify.h - client certificates (ssl_verify_client): the request in
 * the handshake, the chain check after it, and what auth_http is told.
 *
 * Implementation notes
 * - BearSSL runs the handshake: it asks for a certificate (naming the
 *   CAs of ssl_client_certificate), and checks the client's signature
 *   with the leaf's key.  Its X.509 engine is replaced by a collector
 *   (struct pt_tls_peer) that keeps the chain as sent and accepts it, so
 *   the handshake ends whatever the chain is worth - as nginx's does,
 *   whose verify callback accepts every certificate and whose mail module
 *   decides afterwards (ngx_mail_verify_cert).
 * - OpenSSL's libcrypto then checks the chain: the same verifier, the
 *   same ssl_verify_depth, CRL and purpose rules and the same error texts
 *   as nginx, and its RFC 2253 printer for Auth-SSL-Subject / -Issuer.
 *   BearSSL 0.6 has no CRLs, no depth limit and no DN printer; libcrypto
 *   is in the process already (libcurl links it).
 * - Chains are bounded: 10 certificates, 64 KiB of DER.
 */
#ifndef PT_SHELL_TLSVERIFY_H
#define PT_SHELL_TLSVERIFY_H

#include <bearssl.h>

#include "conf/conf.h"
#include "core/core.h"
#include "shell/errlog.h"

struct pt_tls_verify;               /* per server: CA names, the X509_STORE */
struct pt_tls_peer;                 /* per connection: the chain the client sent */

/* Load srv's ssl_client_certificate, ssl_trusted_certificate and ssl_crl.
 * *out stays NULL when ssl_verify_client is off.  leaf_der is the
 * server's own leaf: its subject is the one CA name sent when no
 * ssl_client_certificate is given (optional_no_ca; BearSSL needs one).
 * 0 ok; -1 after one [emerg] through msg. */
int pt_tls_verify_load(struct pt_tls_verify **out, const struct pt_conf *conf,
                       const struct pt_conf_server *srv, const br_x509_certificate *leaf,
                       pt_check_msg_fn msg, void *ctx);
void pt_tls_verify_free(struct pt_tls_verify *v);

/* A collector for one handshake, set as sc's X.509 engine together with
 * the CertificateRequest; NULL when out of memory. */
struct pt_tls_peer *pt_tls_peer_attach(const struct pt_tls_verify *v, br_ssl_server_context *sc);
/* The same collector as a backend's X.509 engine under proxy_ssl_verify
 * off: any chain is taken, its leaf key used. */
struct pt_tls_peer *pt_tls_peer_attach_client(br_ssl_engine_context *eng);
void pt_tls_peer_free(struct pt_tls_peer *p);

/* What the core is told (struct pt_ev_tls): strings owned here. */
struct pt_tls_certinfo {
	enum pt_cert_result result;
	int code;                       /* X509_V_ERR_*, 0 */
	char *verify, *subject, *issuer, *serial, *fingerprint, *pem;
};

/* After the handshake: check what p collected.  0, or -1 out of memory. */
int pt_tls_verify_peer(const struct pt_tls_verify *v, const struct pt_tls_peer *p, int with_pem,
                       struct pt_tls_certinfo *ci);
void pt_tls_certinfo_free(struct pt_tls_certinfo *ci);

#endif
