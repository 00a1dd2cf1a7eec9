/*
 * clientcert.c - ssl_verify_client in the core: what the shell found of
 * the client's certificate is checked as nginx's mail module checks it
 * (ngx_mail_verify_cert) and kept for the auth request's Auth-SSL-*
 * headers.
 *
 * Implementation notes
 * - The shell verifies; the core only decides.  A certificate that failed
 *   ends the session with the protocol's "SSL certificate error", unless
 *   optional_no_ca is on and the only fault is the missing trusted issuer;
 *   "on" without a certificate ends it with "No required SSL certificate".
 *   Both are answered over TLS, before any greeting or command.
 * - The values are copied into the session's own block (cert_cap bytes,
 *   sized by the configuration): the text fields within PT_CERTINFO_MAX,
 *   the escaped PEM within PT_CERTPEM_MAX.  Bytes a header line cannot
 *   carry become '?' (in the verify error's log line too); the PEM is
 *   escaped as Auth-User is (nginx: NGX_ESCAPE_MAIL_AUTH).
 *   Information that does not fit ends the session as a failed check:
 *   an auth request without it would claim less than the client sent.
 */
#include <string.h>

#include "core/session_int.h"
#include "util/buf.h"

#define PT_CERTINFO_MAX 8192        /* verify text, two DNs, serial, fingerprint */
#define PT_CERTPEM_MAX 24576        /* a PEM of up to ~8 KiB of DER, escaped */

size_t pt_clientcert_cap(const struct pt_core_conf *c)
{
	if (c->verify_client == PT_CORE_VERIFY_OFF)
		return 0;
	return PT_CERTINFO_MAX + (c->pass_client_cert ? PT_CERTPEM_MAX : 0);
}

/* One value into the session's block, which may fill up to end: -1 when
 * it does not fit. */
static int pt_clientcert_keep(struct pt_session *s, struct pt_span *sp,
                              const struct pt_core_bytes *b, int escape, size_t end)
{
	struct pt_wbuf w;

	sp->off = (uint32_t)s->cert_len;
	sp->len = 0;
	if (b->p == NULL || b->len == 0)
		return 0;
	if (end > s->cert_cap)
		end = s->cert_cap;
	pt_wbuf_init(&w, s->cert + s->cert_len, end - s->cert_len);
	if (escape) {
		pt_authreq_put_escaped(&w, (const uint8_t *)b->p, b->len);
	} else {
		for (size_t i = 0; i < b->len; i++) {
			uint8_t c = (uint8_t)b->p[i];
			pt_wbuf_putc(&w, c < 0x20 || c == 0x7f ? '?' : c);
		}
	}
	if (w.err)
		return -1;
	sp->len = (uint32_t)w.len;
	s->cert_len += w.len;
	return 0;
}

/* Each part within its own bound: the text fields in PT_CERTINFO_MAX, the
 * escaped PEM in PT_CERTPEM_MAX, so neither limit depends on what the
 * other part took (or on auth_http_pass_client_cert). */
static int pt_clientcert_store(struct pt_session *s, const struct pt_ev_tls *t)
{
	s->cert_len = 0;
	if (pt_clientcert_keep(s, &s->cert_verify, &t->verify, 0, PT_CERTINFO_MAX) ||
	    pt_clientcert_keep(s, &s->cert_subject, &t->subject, 0, PT_CERTINFO_MAX) ||
	    pt_clientcert_keep(s, &s->cert_issuer, &t->issuer, 0, PT_CERTINFO_MAX) ||
	    pt_clientcert_keep(s, &s->cert_serial, &t->serial, 0, PT_CERTINFO_MAX) ||
	    pt_clientcert_keep(s, &s->cert_fp, &t->fingerprint, 0, PT_CERTINFO_MAX))
		return -1;
	if (s->conf->pass_client_cert &&
	    pt_clientcert_keep(s, &s->cert_pem, &t->pem, 1, s->cert_len + PT_CERTPEM_MAX))
		return -1;
	return 0;
}

static void pt_clientcert_refuse(struct pt_session *s, enum pt_reply r, enum pt_err err)
{
	pt_session_reply(s, r, 0);
	pt_session_close(s, err);
}

/* The reason of "FAILED:<reason>", for the log line as nginx writes it
 * (X509_verify_cert_error_string()): bounded, and one line - control
 * bytes as '?', as in the headers. */
static void pt_clientcert_reason(const struct pt_core_bytes *v, char *out, size_t cap)
{
	const char *p = v->p;
	size_t n = v->len, k;

	if (n >= 7 && memcmp(p, "FAILED:", 7) == 0) {
		p += 7;
		n -= 7;
	}
	for (k = 0; k < n && k + 1 < cap; k++) {
		uint8_t c = (uint8_t)p[k];
		out[k] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	out[k] = '\0';
}

/* After the handshake: 0 the session goes on, -1 it was refused (the
 * reply and CLOSE are queued). */
int pt_clientcert_take(struct pt_session *s, const struct pt_ev_tls *t)
{
	int mode = s->conf->verify_client;

	if (mode == PT_CORE_VERIFY_OFF || s->cert == NULL)
		return 0;
	if (t->cert == PT_CERT_BAD ||
	    (t->cert == PT_CERT_UNTRUSTED && mode != PT_CORE_VERIFY_OPTIONAL_NO_CA)) {
		char why[128];

		pt_clientcert_reason(&t->verify, why, sizeof(why));
		pt_session_log(s, PT_LOG_INFO, "client SSL certificate verify error: (%d:%s)",
		               t->verify_code, why);
		pt_clientcert_refuse(s, PT_R_CERT_ERROR, PT_ERR_CERT);
		return -1;
	}
	if (t->cert == PT_CERT_NONE && mode == PT_CORE_VERIFY_ON) {
		pt_session_log(s, PT_LOG_INFO, "client sent no required SSL certificate");
		pt_clientcert_refuse(s, PT_R_NO_CERT, PT_ERR_NO_CERT);
		return -1;
	}
	if (pt_clientcert_store(s, t)) {
		s->cert_len = 0;
		pt_session_log(s, PT_LOG_INFO, "client SSL certificate too large");
		pt_clientcert_refuse(s, PT_R_CERT_ERROR, PT_ERR_CERT);
		return -1;
	}
	return 0;
}

static void pt_clientcert_put(const struct pt_session *s, struct pt_wbuf *w, const char *name,
                              const struct pt_span *sp)
{
	if (sp->len == 0)
		return;
	pt_wbuf_puts(w, name);
	pt_wbuf_put(w, s->cert + sp->off, sp->len);
	pt_wbuf_puts(w, "\r\n");
}

/* nginx's order, after Auth-SSL-Protocol / -Cipher; nothing when
 * ssl_verify_client is off. */
void pt_clientcert_put_headers(const struct pt_session *s, struct pt_wbuf *w)
{
	if (s->cert == NULL)
		return;
	pt_clientcert_put(s, w, "Auth-SSL-Verify: ", &s->cert_verify);
	pt_clientcert_put(s, w, "Auth-SSL-Subject: ", &s->cert_subject);
	pt_clientcert_put(s, w, "Auth-SSL-Issuer: ", &s->cert_issuer);
	pt_clientcert_put(s, w, "Auth-SSL-Serial: ", &s->cert_serial);
	pt_clientcert_put(s, w, "Auth-SSL-Fingerprint: ", &s->cert_fp);
	pt_clientcert_put(s, w, "Auth-SSL-Cert: ", &s->cert_pem);
}
