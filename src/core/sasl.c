/*
 * sasl.c - what every protocol does with SASL and APOP: the salt (the
 * CRAM-MD5 and APOP challenge), and turning a client's base64 response
 * into credentials.  The client's base64 is decoded strictly
 * (util/base64), split by grammar/sasl.rl, and stored through
 * pt_session_set_cred(), which refuses CR, LF and NUL (DESIGN §6).
 * The password store doubles as the decoding scratch: it is as large as a
 * whole client line.
 */
#include <stdio.h>
#include <string.h>

#include "core/session_int.h"
#include "proto/sasl.h"
#include "util/base64.h"
#include "util/names.h"

/* nginx's ngx_mail_salt(): "<random.time@server_name>" */
void pt_sasl_make_salt(struct pt_session *s)
{
	const struct pt_core_conf *c = s->conf;
	int n = snprintf(s->salt, sizeof(s->salt), "<%llu.%llu@%.*s>",
	                 (unsigned long long)s->random, (unsigned long long)s->unix_time,
	                 (int)(c->server_name.len > 128 ? 128 : c->server_name.len),
	                 c->server_name.p ? c->server_name.p : "");
	s->salt_len = n > 0 && (size_t)n < sizeof(s->salt) ? (size_t)n : 0;
}

/* The CRAM-MD5 challenge: "+ " (IMAP, POP3) or "334 " (SMTP), base64(salt). */
int pt_sasl_cram_challenge(struct pt_session *s)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->out + s->out_len, s->out_cap - s->out_len);
	pt_wbuf_puts(&w, pt_reply_text(s->conf->proto, PT_R_CRAM_NEXT));
	pt_b64_encode(&w, s->salt, s->salt_len);
	pt_wbuf_puts(&w, "\r\n");
	if (w.err)
		return -1;
	s->out_len += w.len;
	pt_session_flush_client(s);
	return 0;
}

static long pt_sasl_decode(struct pt_session *s, const uint8_t *b64, size_t n)
{
	size_t out = 0;

	if (pt_b64_decode(s->passwd, s->cred_cap, &out, b64, n) != 0)
		return -1;
	return (long)out;
}

static int pt_sasl_take_split(struct pt_session *s, const uint8_t *b64, size_t n,
                              enum pt_sasl_mech mech)
{
	struct pt_sasl_parser sp;
	long len = pt_sasl_decode(s, b64, n);

	if (len < 0)
		return -1;
	pt_sasl_init(&sp, mech);
	if (pt_sasl_parse(&sp, s->passwd, (size_t)len, 1) != PT_PARSE_DONE)
		return -1;
	if (pt_session_set_cred(s, 0, s->passwd + sp.user.off, sp.user.len) ||
	    pt_session_set_cred(s, 1, s->passwd + sp.secret.off, sp.secret.len))
		return -1;
	return 0;
}

/* RFC 4616 PLAIN: user and password. */
int pt_sasl_take_plain(struct pt_session *s, const uint8_t *b64, size_t n)
{
	return pt_sasl_take_split(s, b64, n, PT_SASL_PLAIN);
}

/* RFC 2195 CRAM-MD5: user and digest (the digest goes to Auth-Pass). */
int pt_sasl_take_cram(struct pt_session *s, const uint8_t *b64, size_t n)
{
	return pt_sasl_take_split(s, b64, n, PT_SASL_CRAM_MD5);
}

/* One opaque value: LOGIN's user (which 0) or password (1), EXTERNAL's identity. */
int pt_sasl_take_value(struct pt_session *s, const uint8_t *b64, size_t n, int which)
{
	long len = pt_sasl_decode(s, b64, n);

	if (len < 0 || pt_session_set_cred(s, which, s->passwd, (size_t)len))
		return -1;
	return 0;
}

static int pt_sasl_is(const uint8_t *mech, size_t n, const char *name)
{
	size_t len = strlen(name);

	return n == len && pt_mem_eq_ci(mech, name, n);
}

/* May this mechanism start now?  nginx takes PLAIN and LOGIN even when
 * *_auth does not list them (the list only drives what is advertised);
 * CRAM-MD5 and EXTERNAL must be on, and CRAM-MD5 has no initial response. */
int pt_sasl_allowed(const struct pt_session *s, const uint8_t *mech, size_t n, int has_ir)
{
	const uint32_t m = s->conf->auth_methods;

	if (pt_sasl_is(mech, n, "PLAIN") || pt_sasl_is(mech, n, "LOGIN"))
		return 1;
	if (pt_sasl_is(mech, n, "CRAM-MD5"))
		return (m & PT_CORE_AUTH_CRAM_MD5) && !has_ir && s->salt_len;
	if (pt_sasl_is(mech, n, "EXTERNAL"))
		return (m & PT_CORE_AUTH_EXTERNAL) != 0;
	return 0;
}

static void pt_sasl_challenge(struct pt_session *s, enum pt_reply code, enum pt_state next)
{
	pt_session_reply(s, code, 0);
	pt_session_enter(s, next);
}

/* Start an allowed mechanism: a challenge, or with an initial response the
 * credentials.  0 handled; -1 a bad response (an invalid command). */
int pt_sasl_start(struct pt_session *s, const uint8_t *mech, size_t n, const uint8_t *ir,
                  size_t irn, int has_ir)
{
	if (pt_sasl_is(mech, n, "PLAIN")) {
		if (!has_ir)
			pt_sasl_challenge(s, PT_R_PLAIN_NEXT, PT_ST_SASL_PLAIN);
		else if (pt_sasl_take_plain(s, ir, irn) == 0)
			pt_session_authenticated(s, PT_METHOD_PLAIN);
		else
			return -1;
	} else if (pt_sasl_is(mech, n, "LOGIN")) {
		if (!has_ir)
			pt_sasl_challenge(s, PT_R_USERNAME, PT_ST_SASL_LOGIN_USER);
		else if (pt_sasl_take_value(s, ir, irn, 0) == 0)    /* Microsoft's initial user */
			pt_sasl_challenge(s, PT_R_PASSWORD, PT_ST_SASL_LOGIN_PASS);
		else
			return -1;
	} else if (pt_sasl_is(mech, n, "CRAM-MD5")) {
		if (pt_sasl_cram_challenge(s)) {
			s->err = PT_ERR_STATE;
			s->ops->internal_error(s);
			return 0;
		}
		pt_session_enter(s, PT_ST_SASL_CRAM_MD5);
	} else {   /* EXTERNAL */
		if (!has_ir)
			pt_sasl_challenge(s, PT_R_USERNAME, PT_ST_SASL_EXTERNAL);
		else if (pt_sasl_take_value(s, ir, irn, 0) == 0)
			pt_session_authenticated(s, PT_METHOD_EXTERNAL);
		else
			return -1;
	}
	return 0;
}

/* A response line in the SASL state its challenge left.  0 handled, -1 bad. */
int pt_sasl_continue(struct pt_session *s, const uint8_t *p, size_t n)
{
	switch (s->state) {
	case PT_ST_SASL_PLAIN:
		if (pt_sasl_take_plain(s, p, n))
			return -1;
		pt_session_authenticated(s, PT_METHOD_PLAIN);
		return 0;
	case PT_ST_SASL_LOGIN_USER:
		if (pt_sasl_take_value(s, p, n, 0))
			return -1;
		pt_sasl_challenge(s, PT_R_PASSWORD, PT_ST_SASL_LOGIN_PASS);
		return 0;
	case PT_ST_SASL_LOGIN_PASS:
		if (pt_sasl_take_value(s, p, n, 1))
			return -1;
		pt_session_authenticated(s, PT_METHOD_PLAIN);
		return 0;
	case PT_ST_SASL_CRAM_MD5:
		if (pt_sasl_take_cram(s, p, n))
			return -1;
		pt_session_authenticated(s, PT_METHOD_CRAM_MD5);
		return 0;
	case PT_ST_SASL_EXTERNAL:
		if (pt_sasl_take_value(s, p, n, 0))
			return -1;
		pt_session_authenticated(s, PT_METHOD_EXTERNAL);
		return 0;
	default:
		return -1;
	}
}
