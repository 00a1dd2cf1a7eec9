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

/* "+ " base64(salt) CRLF, the CRAM-MD5 challenge of IMAP and POP3. */
int pt_sasl_cram_challenge(struct pt_session *s)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->out + s->out_len, s->out_cap - s->out_len);
	pt_wbuf_puts(&w, "+ ");
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
