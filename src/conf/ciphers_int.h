/*
 * ciphers_int.h - OpenSSL's view of the TLS 1.2 suites, as data, shared
 * by ciphers.c (the rules) and ciphers_tab.c (the tables).
 *
 * A suite and an alias carry the same five masks as OpenSSL's SSL_CIPHER
 * (algorithm_mkey, _auth, _enc, _mac, algo_strength) and min_tls: an
 * alias matches a suite when each of its non-zero masks shares a bit with
 * the suite's, and its version (if any) is the suite's.  The bit values
 * are postern's own; only what they group matters.
 */
#ifndef PT_CONF_CIPHERS_INT_H
#define PT_CONF_CIPHERS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "conf/ciphers.h"

/* Key exchange (SSL_k*). */
#define PT_CK_RSA      0x01u
#define PT_CK_DHE      0x02u
#define PT_CK_ECDHE    0x04u
#define PT_CK_PSK      0x08u
#define PT_CK_RSAPSK   0x10u
#define PT_CK_DHEPSK   0x20u
#define PT_CK_ECDHEPSK 0x40u
#define PT_CK_SRP      0x80u

/* Server authentication (SSL_a*). */
#define PT_CA_RSA   0x01u
#define PT_CA_DSS   0x02u
#define PT_CA_NULL  0x04u
#define PT_CA_ECDSA 0x08u
#define PT_CA_PSK   0x10u
#define PT_CA_SRP   0x20u
#define PT_CA_ALL   0x3fu

/* Bulk encryption (SSL_e*, SSL_AES128, ...). */
#define PT_CE_AES128      0x0001u
#define PT_CE_AES256      0x0002u
#define PT_CE_AES128GCM   0x0004u
#define PT_CE_AES256GCM   0x0008u
#define PT_CE_AES128CCM   0x0010u
#define PT_CE_AES256CCM   0x0020u
#define PT_CE_AES128CCM8  0x0040u
#define PT_CE_AES256CCM8  0x0080u
#define PT_CE_CAMELLIA128 0x0100u
#define PT_CE_CAMELLIA256 0x0200u
#define PT_CE_CHACHA20    0x0400u
#define PT_CE_ARIA128GCM  0x0800u
#define PT_CE_ARIA256GCM  0x1000u
#define PT_CE_NULL        0x2000u
#define PT_CE_ALL         0x3fffu

/* MAC (SSL_MD5, ...; AEAD suites have none). */
#define PT_CM_MD5    0x01u
#define PT_CM_SHA1   0x02u
#define PT_CM_SHA256 0x04u
#define PT_CM_SHA384 0x08u
#define PT_CM_AEAD   0x10u

/* The lowest version a suite runs on (min_tls): compared, not masked. */
#define PT_CV_SSL3  1
#define PT_CV_TLS1  2
#define PT_CV_TLS12 3

/* algo_strength: one class bit, FIPS, and "not in DEFAULT". */
#define PT_CS_NONE    0x01u
#define PT_CS_LOW     0x02u
#define PT_CS_MEDIUM  0x04u
#define PT_CS_HIGH    0x08u
#define PT_CS_FIPS    0x10u
#define PT_CS_STRONG  0x1fu     /* SSL_STRONG_MASK */
#define PT_CS_NOTDEF  0x20u     /* SSL_NOT_DEFAULT, SSL_DEFAULT_MASK */

struct pt_ciphers_suite {
	const char *name;           /* OpenSSL's */
	uint16_t id;                /* IANA's */
	uint16_t bits;              /* strength_bits, for @STRENGTH */
	uint8_t kx, au;
	uint16_t enc;
	uint8_t mac, ver, strength;
};

struct pt_ciphers_alias {
	const char *name;
	uint8_t kx, au;
	uint16_t enc;
	uint8_t mac, ver, strength;
};

/* OpenSSL 3.0's list of TLS 1.2 suites (default provider), in the order
 * its preliminary sort leaves them. */
extern const struct pt_ciphers_suite pt_ciphers_suites[PT_CIPHERS_N];
extern const struct pt_ciphers_alias pt_ciphers_aliases[];
extern const size_t pt_ciphers_n_aliases;
/* Words OpenSSL knows that select nothing here: suites and aliases of
 * algorithms the default provider lacks, and aliases of removed ones.
 * NULL-terminated. */
extern const char *const pt_ciphers_empty[];
/* TLS 1.3 suite names (RFC 8446 §B.4), NULL-terminated. */
extern const char *const pt_ciphers_tls13[];

#endif
