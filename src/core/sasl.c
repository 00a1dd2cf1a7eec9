/*
 * sasl.c - what every protocol does with SASL and APOP: the salt (the
 * CRAM-MD5 and APOP challenge), and turning a client's base64 response
 * into credentials.  The client's base64 is decoded strictly
 * (util/base64), split by grammar/sasl.rl, and stored through
 * pt_session_set_cred(), which refuses CR, LF and NUL (DESIGN §6).
 * The password store doubles as the decoding scratch: it is as large as a
 * whole client line.
 *
 * XOAUTH2 and OAUTHBEARER (freenginx's, a postern extension toward nginx
 * 1.22): the user goes to Auth-User and the bearer token to Auth-Pass.
 * When the auth server refuses with an Auth-Error-SASL header, its value
 * goes to the client as a challenge (RFC 7628 §3.2.2: the error is a
 * server challenge, and the client answers it with a dummy response,
 * §3.2.3), and only that answer gets the failure reply.
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

/* A challenge with a value: "+ " (IMAP, POP3) or "334 " (SMTP), then p
 * base64-encoded (or, already base64, as it is), CRLF.  -1: no room. */
static int pt_sasl_put_challenge(struct pt_session *s, const uint8_t *p, size_t n, int encode)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->out + s->out_len, s->out_cap - s->out_len);
	pt_wbuf_puts(&w, pt_reply_text(s->conf->proto, PT_R_CRAM_NEXT));
	if (encode)
		pt_b64_encode(&w, p, n);
	else
		pt_wbuf_put(&w, p, n);
	pt_wbuf_puts(&w, "\r\n");
	if (w.err)
		return -1;
	s->out_len += w.len;
	pt_session_flush_client(s);
	return 0;
}

/* The CRAM-MD5 challenge: base64(salt). */
int pt_sasl_cram_challenge(struct pt_session *s)
{
	return pt_sasl_put_challenge(s, (const uint8_t *)s->salt, s->salt_len, 1);
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

/* XOAUTH2 (xo) or OAUTHBEARER: user and bearer token, then the auth
 * request.  OAUTHBEARER's user is an RFC 5801 saslname: its "=2C" and
 * "=3D" are undone here.  -1: a bad response. */
static int pt_sasl_take_oauth(struct pt_session *s, const uint8_t *b64, size_t n, int xo)
{
	if (pt_sasl_take_split(s, b64, n, xo ? PT_SASL_XOAUTH2 : PT_SASL_OAUTHBEARER))
		return -1;
	if (!xo)
		s->login_len = pt_sasl_gs2_unescape(s->login, s->login_len);
	pt_session_authenticated(s, xo ? PT_METHOD_XOAUTH2 : PT_METHOD_OAUTHBEARER);
	return 0;
}

/* One opaque value: LOGIN's user (which 0) or password (1), EXTERNAL's identity. */
int pt_sasl_take_value(struct pt_session *s, const uint8_t *b64, size_t n, int which)
{
	long len = pt_sasl_decode(s, b64, n);

	if (len < 0 || pt_session_set_cred(s, which, s->passwd, (size_t)len))
		return -1;
	return 0;
}

/* The mechanisms postern offers, in the order every listing gives them:
 * IMAP's CAPABILITY, POP3's CAPA and AUTH, SMTP's EHLO, ManageSieve's
 * "SASL" (PT_SASL_MECH_BITS). */
static const struct { uint32_t bit; const char *name; } pt_sasl_mechs[] = {
	{ PT_CORE_AUTH_PLAIN, "PLAIN" }, { PT_CORE_AUTH_LOGIN, "LOGIN" },
	{ PT_CORE_AUTH_CRAM_MD5, "CRAM-MD5" }, { PT_CORE_AUTH_EXTERNAL, "EXTERNAL" },
	{ PT_CORE_AUTH_XOAUTH2, "XOAUTH2" }, { PT_CORE_AUTH_OAUTHBEARER, "OAUTHBEARER" },
};

void pt_sasl_put_mechs(struct pt_session *s, uint32_t methods, const char *lead, const char *sep,
                       const char *end)
{
	const char *before = lead;

	for (size_t i = 0; i < PT_COUNTOF(pt_sasl_mechs); i++) {
		if (!(methods & pt_sasl_mechs[i].bit))
			continue;
		pt_session_out_str(s, before);
		pt_session_out_str(s, pt_sasl_mechs[i].name);
		pt_session_out_str(s, end);
		before = sep;
	}
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
	if (pt_sasl_is(mech, n, "XOAUTH2"))
		return (m & PT_CORE_AUTH_XOAUTH2) != 0;
	if (pt_sasl_is(mech, n, "OAUTHBEARER"))
		return (m & PT_CORE_AUTH_OAUTHBEARER) != 0;
	return 0;
}

static void pt_sasl_challenge(struct pt_session *s, enum pt_reply code, enum pt_state next)
{
	pt_session_reply(s, code, 0);
	pt_session_enter(s, next);
}

/* Start an allowed mechanism: a challenge, or with an initial response the
 * credentials.  0 handled; -1 a bad response (an invalid command). */
static int pt_sasl_begin(struct pt_session *s, const uint8_t *mech, size_t n, const uint8_t *ir,
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
	} else if (pt_sasl_is(mech, n, "XOAUTH2") || pt_sasl_is(mech, n, "OAUTHBEARER")) {
		int xo = pt_sasl_is(mech, n, "XOAUTH2");

		/* RFC 7628 §3.2: without an initial response, an empty challenge */
		if (!has_ir)
			pt_sasl_challenge(s, PT_R_PLAIN_NEXT,
			                  xo ? PT_ST_SASL_XOAUTH2 : PT_ST_SASL_OAUTHBEARER);
		else if (pt_sasl_take_oauth(s, ir, irn, xo))
			return -1;
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

/* The auth server refused an XOAUTH2 or OAUTHBEARER login with an
 * Auth-Error-SASL value: that value goes out as the challenge ("+ " or
 * "334 " and the value, which the auth server gives in base64, as
 * freenginx sends it; a value that is not base64, such as bare JSON, is
 * encoded here, so either form reaches the client as RFC 7628 §3.2.2
 * wants it).  quit: no Auth-Wait, so the connection ends after the
 * client's answer (freenginx's auth_quit).  -1: it does not fit. */
int pt_sasl_error_challenge(struct pt_session *s, int quit)
{
	const uint8_t *v = s->arep + s->ar.error_sasl.off;
	size_t n = s->ar.error_sasl.len, got = 0;
	int b64 = n && pt_b64_decode(s->passwd, s->cred_cap, &got, v, n) == 0;

	pt_session_clear_credentials(s);    /* the decoding scratch, and the token */
	if (pt_sasl_put_challenge(s, v, n, !b64))
		return -1;
	s->sasl_err_quit = quit;
	pt_session_enter(s, PT_ST_SASL_ERROR);
	s->ops->reset(s);   /* a response line next */
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	return 0;
}

/* RFC 7628 §3.2.3: the client answers the error challenge with %x01
 * ("AQ==").  Google's XOAUTH2 asks for an empty line, and a client may
 * cancel with "*" (RFC 9051 §6.2.2, RFC 4954 §4, RFC 5034 §4): all three
 * end the exchange with the auth server's failure reply, whichever
 * mechanism ran (freenginx takes only the first for OAUTHBEARER, the
 * second for XOAUTH2).  Anything else is an invalid command.  Without
 * Auth-Wait the connection then closes, as after any refused login. */
static void pt_sasl_error_answer(struct pt_session *s, const uint8_t *p, size_t n)
{
	uint8_t one[3];
	size_t got = 0;
	int dummy = n == 0 || (n == 1 && p[0] == '*') ||
	            (n == 4 && pt_b64_decode(one, sizeof(one), &got, p, n) == 0 && got == 1 &&
	             one[0] == 0x01);

	if (!dummy) {
		pt_session_invalid(s);
		if (s->sasl_err_quit)
			pt_session_close(s, PT_ERR_AUTH_REJECTED);
		return;
	}
	pt_authreply_send_error(s);
	if (s->sasl_err_quit) {
		pt_session_close(s, PT_ERR_AUTH_REJECTED);
		return;
	}
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	pt_session_enter(s, PT_ST_AUTH);
}

/* A response line in the SASL state its challenge left.  0 handled, -1 bad. */
static int pt_sasl_step(struct pt_session *s, const uint8_t *p, size_t n)
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
	case PT_ST_SASL_XOAUTH2:
	case PT_ST_SASL_OAUTHBEARER:
		return pt_sasl_take_oauth(s, p, n, s->state == PT_ST_SASL_XOAUTH2);
	case PT_ST_SASL_ERROR:
		pt_sasl_error_answer(s, p, n);
		return 0;
	default:
		return -1;
	}
}

/* Every protocol's AUTHENTICATE / AUTH and its response lines: a response
 * that is missing (has_ir without ir, p NULL: one the protocol's parser
 * could not give) or bad is an invalid command, which ends the exchange. */
void pt_sasl_start(struct pt_session *s, const uint8_t *mech, size_t n, const uint8_t *ir,
                   size_t irn, int has_ir)
{
	if ((has_ir && ir == NULL) || pt_sasl_begin(s, mech, n, ir, irn, has_ir))
		pt_session_invalid(s);
}

void pt_sasl_continue(struct pt_session *s, const uint8_t *p, size_t n)
{
	if (p == NULL || pt_sasl_step(s, p, n))
		pt_session_invalid(s);
}

/* RFC 4616 PLAIN toward a backend (SMTP's AUTH PLAIN, ManageSieve's
 * AUTHENTICATE "PLAIN"): base64 of NUL login NUL password into w, put
 * together in scratch (cap bytes) and wiped there; w->err when it does
 * not fit. */
void pt_sasl_put_plain(struct pt_session *s, struct pt_wbuf *w, uint8_t *scratch, size_t cap)
{
	size_t k = 0;

	if (s->login_len + s->passwd_len + 2 > cap) {
		w->err = 1;
		return;
	}
	scratch[k++] = 0;
	memcpy(scratch + k, s->login, s->login_len);
	k += s->login_len;
	scratch[k++] = 0;
	memcpy(scratch + k, s->passwd, s->passwd_len);
	k += s->passwd_len;
	pt_b64_encode(w, scratch, k);
	memset(scratch, 0, k);
}
