/*
 * ciphers.h - nginx's "ssl_ciphers" mapped onto the suites postern offers.
 *
 * The string is an OpenSSL cipher string (grammar/ciphers.rl reads it).
 * pt_ciphers_parse() applies OpenSSL 3.0's rules to OpenSSL's own list of
 * TLS 1.2 suites, exactly (openssl-ciphers(1): "-" deletes, "!" deletes
 * for good, "+" moves to the end, "A+B" is both, @STRENGTH sorts by key
 * length, DEFAULT and SUITEB128... at the start), so the list it builds is
 * the one `openssl ciphers -tls1_2` prints.  Of that list only postern's
 * suites (PT_TLS_* in conf.h) are kept, in the list's order: the rest are
 * names BearSSL or postern does not offer, and are dropped without a word
 * (CBC, DHE, static RSA, PSK, ...).  @SECLEVEL=n drops what OpenSSL's
 * level n would (AES-128 at 4 and 5).
 *
 * As OpenSSL, a word it does not know is ignored: postern also notes it
 * (the caller warns), and notes the first TLS 1.3 suite name (those are
 * "ssl_conf_command Ciphersuites" in nginx, and BearSSL has no TLS 1.3).
 * Nothing is allocated; the result lives in the caller's struct.
 */
#ifndef PT_CONF_CIPHERS_H
#define PT_CONF_CIPHERS_H

#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "proto/ciphers_lex.h"

/* OpenSSL 3.0's TLS 1.2 suites with the default provider. */
#define PT_CIPHERS_N 155
/* Notes kept per string; more are counted in n_notes_lost. */
#define PT_CIPHERS_NOTES_MAX 8

enum pt_ciphers_status {
	PT_CIPHERS_OK = 0,
	PT_CIPHERS_SYNTAX,          /* err and err_off say what and where */
	PT_CIPHERS_NONE             /* none of postern's suites is selected */
};

enum pt_ciphers_note_kind {
	PT_CIPHERS_NOTE_UNKNOWN = 1,    /* a word OpenSSL does not know (each once) */
	PT_CIPHERS_NOTE_TLS13           /* the first TLS 1.3 suite name */
};

struct pt_ciphers_note {
	enum pt_ciphers_note_kind kind;
	struct pt_span word;        /* in the string */
};

struct pt_ciphers_result {
	uint16_t ids[PT_CONF_SUITES_MAX];   /* postern's suites, in the string's order */
	size_t n;
	struct pt_ciphers_note notes[PT_CIPHERS_NOTES_MAX];
	size_t n_notes;
	size_t n_notes_lost;
	enum pt_ciphers_err err;    /* SYNTAX */
	size_t err_off;             /* SYNTAX: the bad byte, or len if the string ended early */
	int seclevel;               /* @SECLEVEL=n, or -1 */
	uint8_t list[PT_CIPHERS_N]; /* OpenSSL's whole list, for tests: see pt_ciphers_name */
	size_t n_list;
};

enum pt_ciphers_status pt_ciphers_parse(const char *s, size_t len, struct pt_ciphers_result *r);

/* postern's suites in its built-in order (tls.c's: AES-GCM first). */
extern const uint16_t pt_ciphers_offer[PT_CONF_SUITES_MAX];
/* OpenSSL's name of one of postern's suites ("?" for another id). */
const char *pt_ciphers_offer_name(uint16_t id);
/* OpenSSL's name of result.list[i]. */
const char *pt_ciphers_name(uint8_t i);
/* The reason of a SYNTAX result, for a message. */
const char *pt_ciphers_err_text(enum pt_ciphers_err err);

#endif
