/*
 * merge_ciphers.c - "ssl_ciphers" once merged: the suites each server
 * offers (src/conf/ciphers.h maps the string), and the messages.
 *
 * As nginx, which hands the string to SSL_CTX_set_cipher_list() only for
 * a server that speaks TLS (listen ... ssl, or starttls), only such a
 * server has its string checked; the others get whatever it selects.  A
 * mail{} value reaches every server: its warnings are given once, at the
 * directive's place.
 */
#include <string.h>

#include "conf/ciphers.h"
#include "conf/conf_int.h"
#include "util/buf.h"

static int pt_conf_speaks_tls(const struct pt_conf_server *s)
{
	return s->ssl_listen || s->starttls != PT_STARTTLS_OFF;
}

/* Did an earlier server that speaks TLS take this same directive? */
static int pt_conf_ciphers_told(struct pt_conf_parser *P, size_t i)
{
	const struct pt_conf_server *s = P->servers[i];

	for (size_t j = 0; j < i; j++) {
		const struct pt_conf_server *o = P->servers[j];

		/* The same directive: an inherited value is the same string. */
		if (pt_conf_speaks_tls(o) && o->ssl_ciphers.p == s->ssl_ciphers.p)
			return 1;
	}
	return 0;
}

static void pt_conf_ciphers_warn(struct pt_conf_parser *P, const struct pt_conf_server *s,
                                 const struct pt_ciphers_result *r)
{
	for (size_t k = 0; k < r->n_notes; k++) {
		const struct pt_ciphers_note *n = &r->notes[k];
		const char *w = s->ssl_ciphers.p + n->word.off;

		if (n->kind == PT_CIPHERS_NOTE_TLS13)
			pt_conf_error_at(P, PT_LOG_WARN, s->ssl_ciphers_file, s->ssl_ciphers_line,
			                 "TLSv1.3 cipher suite \"%.*s\" in \"ssl_ciphers\" is not "
			                 "available (BearSSL has no TLSv1.3): ignored",
			                 (int)n->word.len, w);
		else
			pt_conf_error_at(P, PT_LOG_WARN, s->ssl_ciphers_file, s->ssl_ciphers_line,
			                 "unknown cipher \"%.*s\" in \"ssl_ciphers\" is ignored",
			                 (int)n->word.len, w);
	}
	if (r->n_notes_lost)
		pt_conf_error_at(P, PT_LOG_WARN, s->ssl_ciphers_file, s->ssl_ciphers_line,
		                 "%zu more unknown ciphers in \"ssl_ciphers\" are ignored",
		                 r->n_notes_lost);
}

int pt_conf_check_ciphers(struct pt_conf_parser *P, size_t i)
{
	struct pt_conf_server *s = P->servers[i];
	struct pt_ciphers_result r;
	enum pt_ciphers_status st;
	char mem[PT_CONF_SUITES_MAX * 40];
	struct pt_wbuf w;
	const char *offers;

	/* Not given: the built-in order, whatever the default string says. */
	if (s->ssl_ciphers_line == 0 || s->ssl_ciphers.p == NULL) {
		memcpy(s->ssl_suites, pt_ciphers_offer, sizeof(s->ssl_suites));
		s->n_ssl_suites = PT_CONF_SUITES_MAX;
		return 0;
	}
	st = pt_ciphers_parse(s->ssl_ciphers.p, s->ssl_ciphers.len, &r);
	memcpy(s->ssl_suites, r.ids, sizeof(s->ssl_suites));
	s->n_ssl_suites = r.n;
	if (!pt_conf_speaks_tls(s))
		return 0;
	if (st == PT_CIPHERS_SYNTAX) {
		pt_conf_error_at(P, PT_LOG_EMERG, s->ssl_ciphers_file, s->ssl_ciphers_line,
		                 "invalid \"ssl_ciphers\" value \"%s\": %s at offset %zu",
		                 s->ssl_ciphers.p, pt_ciphers_err_text(r.err), r.err_off);
		return -1;
	}
	if (!pt_conf_ciphers_told(P, i))
		pt_conf_ciphers_warn(P, s, &r);
	if (st == PT_CIPHERS_OK)
		return 0;
	pt_wbuf_init(&w, mem, sizeof(mem));
	for (size_t k = 0; k < PT_CONF_SUITES_MAX; k++)
		pt_wbuf_fmt(&w, "%s%s", k ? ":" : "", pt_ciphers_offer_name(pt_ciphers_offer[k]));
	offers = pt_wbuf_cstr(&w);
	pt_conf_error_at(P, PT_LOG_EMERG, s->ssl_ciphers_file, s->ssl_ciphers_line,
	                 "\"ssl_ciphers\" selects no cipher suite postern can offer (it offers: %s)",
	                 offers ? offers : "?");
	return -1;
}
