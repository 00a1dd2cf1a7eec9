/*
 * tlsconf.h - the certificates and keys of TLS with the client, loaded
 * from the files that ssl_certificate / ssl_certificate_key name.
 *
 * Implementation notes
 * - Pairs go by index, as in nginx: the i-th ssl_certificate with the i-th
 *   ssl_certificate_key (extra keys are ignored, as nginx does).  A
 *   relative path is taken under conf->conf_prefix; "data:" holds the PEM
 *   itself (nginx 1.15.10+).  Messages name the full path, as nginx's do.
 * - PEM only, through BearSSL's decoders (deps.md §2.2): a certificate
 *   file gives its "CERTIFICATE" objects in file order, leaf first (BearSSL
 *   never reorders a chain); a key file gives its first private key
 *   ("RSA PRIVATE KEY", "EC PRIVATE KEY" or unencrypted "PRIVATE KEY";
 *   other objects such as "EC PARAMETERS" are skipped).  BearSSL 0.6 has
 *   no encrypted keys: such a key is an error that says so.
 * - The key must match the leaf: RSA by the modulus recomputed from p and
 *   q, then one private operation undone with the leaf's public key; EC by
 *   the public point recomputed from the private scalar.  Keys: RSA up to
 *   4096 bits, EC on P-256, P-384 or P-521 (what BearSSL can sign with).
 * - Key material is owned by struct pt_tls_cert and wiped when freed, as
 *   is every buffer that held it on the way.  Load before privileges are
 *   dropped, as nginx does: key files are usually readable by root only.
 */
#ifndef PT_SHELL_TLSCONF_H
#define PT_SHELL_TLSCONF_H

#include <bearssl.h>
#include <stddef.h>

#include "conf/conf.h"
#include "shell/errlog.h"

/* One ssl_certificate + ssl_certificate_key pair. */
struct pt_tls_cert {
	br_x509_certificate *chain;     /* DER, leaf first, file order; each data owned */
	size_t chain_len;               /* >= 1 */
	int key_type;                   /* BR_KEYTYPE_RSA or BR_KEYTYPE_EC */
	br_rsa_private_key rsa;         /* deep copies, owned (the one of key_type) */
	br_ec_private_key ec;
	/* The same key as libcrypto holds it (NULL if it would not read it):
	 * the handshake signs with it, 5 to 20 times faster than BearSSL 0.6
	 * (tlspolicy.c). */
	struct evp_pkey_st *pkey;
	/* For br_ssl_server_init_full_ec() / static ECDH: the key type of the
	 * leaf's signer, from the leaf's signature algorithm, else the next
	 * certificate's key, else the leaf's own (self-signed). */
	int issuer_key_type;
	/* The leaf's DNS names for choosing by SNI: the SAN dNSNames, else the
	 * subject CNs (RFC 6125 §6.4.4), lowercased, wildcards ("*.x") kept;
	 * NUL-separated, an empty name ends the list ("a\0b\0\0").  Names with
	 * characters no host name has are left out.  NULL: none. */
	char *names;
};

struct pt_tls_cache;                /* tlscache.c: ssl_session_cache */
struct pt_tls_verify;               /* tlsverify.c: ssl_verify_client */

struct pt_tls_server {
	struct pt_tls_cert *certs;      /* in ssl_certificate order */
	size_t n_certs;
	const struct pt_conf_server *srv;
	struct pt_tls_cache *cache;     /* NULL: no session cache */
	struct pt_tls_verify *verify;   /* NULL: ssl_verify_client off */
};

/* The path nginx opens and prints: relative ones under conf_prefix
 * ("data:..." for inline PEM).  malloc'd; NULL when out of memory. */
char *pt_tlsconf_fullname(const struct pt_conf *conf, const char *path);


/* Load every pair of srv into t.  0 ok; -1 after one [emerg] through msg
 * in nginx's form, t then empty, e.g.
 *   cannot load certificate "/p/cert.pem": no certificate in the file
 *   cannot load certificate key "/p/key.pem": encrypted keys are not
 *       supported by BearSSL; use an unencrypted key        (one line)
 *   certificate "/p/cert.pem" and key "/p/key.pem" do not match
 * It says nothing else: the warnings are pt_tlsconf_check's, given once
 * per check rather than once per server and worker. */
int pt_tls_server_load(struct pt_tls_server *t, const struct pt_conf *conf,
                       const struct pt_conf_server *srv, pt_check_msg_fn msg, void *ctx);
void pt_tls_server_free(struct pt_tls_server *t);

/* For -t, start and reload (the same checks for all three):
 * load and free again every server that speaks TLS, and warn (once per
 * check) about what BearSSL ignores: ssl_password_file, ssl_dhparam.
 * 0, or 1 after an [emerg], as pt_serve_check. */
int pt_tlsconf_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx);

#endif
