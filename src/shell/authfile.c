/*
 * authfile.c - auth_file (postern extension): the core's auth request is
 * answered from the users loaded with the config (src/conf/authfile.c)
 * instead of by an HTTP service.  The answer has the form an auth_http
 * service would send and is fed to the core line by line, so what follows
 * (Auth-Wait, the backend login) is the path auth_http takes.
 *
 * Implementation notes
 * - Hashes go through libcrypt's crypt_rn(): SHA512-CRYPT, yescrypt,
 *   bcrypt, ... whatever crypt_checksalt() accepts at load.  The hash runs
 *   on the worker's loop, so a costly hash holds the worker for its cost.
 * - CRAM-MD5 (RFC 2195) and APOP (RFC 1939 §7) prove knowledge of the
 *   password itself, so they need a "{PLAIN}" secret; MD5 and HMAC come
 *   from BearSSL.  The password then goes to the core as Auth-Pass, for
 *   the backend login, as an auth_http service sends it.
 * - An unknown user costs the same hash as a known one (the first crypt
 *   secret of the file), and every comparison runs in constant time.
 * - A failure answers "Invalid login or password" with Auth-Wait: 3, the
 *   pause nginx's example service uses to slow down guessing.
 * - "*" is the entry for smtp_auth none: it names the SMTP backend of
 *   clients that do not log in; its secret is not used for that.
 */
#include <arpa/inet.h>
#include <bearssl.h>
#include <crypt.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/errlog.h"
#include "shell/serve.h"

#define PT_PLAIN_PREFIX "{PLAIN}"
#define PT_PLAIN_PREFIX_LEN (sizeof(PT_PLAIN_PREFIX) - 1)
#define PT_AUTHFILE_FAIL "Auth-Status: Invalid login or password\r\nAuth-Wait: 3\r\n\r\n"

static int pt_authfile_is_plain(const struct pt_str *s)
{
	return s->len >= PT_PLAIN_PREFIX_LEN && memcmp(s->p, PT_PLAIN_PREFIX, PT_PLAIN_PREFIX_LEN) == 0;
}

/* A secret that never matches: empty, or locked the passwd(5) way. */
static int pt_authfile_is_locked(const struct pt_str *s)
{
	return s->len == 0 || s->p[0] == '!' || s->p[0] == '*';
}

static int pt_ct_equal(const void *a, size_t alen, const void *b, size_t blen)
{
	const unsigned char *x = a, *y = b;
	unsigned char d = (unsigned char)(alen != blen);
	size_t n = alen < blen ? alen : blen;

	for (size_t i = 0; i < n; i++)
		d |= (unsigned char)(x[i] ^ y[i]);
	return d == 0;
}

/* Every crypt secret must be one libcrypt can check: found at load, not at
 * the first login. */
int pt_authfile_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx)
{
	for (size_t i = 0; i < conf->n_servers; i++) {
		const struct pt_conf_authfile *af = &conf->servers[i].auth_file;
		if (af->path.p == NULL)
			continue;
		for (size_t k = 0; k < af->n; k++) {
			const struct pt_conf_authuser *u = &af->v[k];
			int r;
			if (pt_authfile_is_plain(&u->secret) || pt_authfile_is_locked(&u->secret))
				continue;
			r = crypt_checksalt(u->secret.p);
			if (r == CRYPT_SALT_OK || r == CRYPT_SALT_TOO_CHEAP)
				continue;
			if (r == CRYPT_SALT_METHOD_LEGACY) {
				pt_check_msgf(msg, ctx, PT_LOG_WARN, "weak password hash (a legacy method) "
				              "in auth_file in %s:%u", af->path.p, u->line);
				continue;
			}
			pt_check_msgf(msg, ctx, PT_LOG_EMERG, "unsupported password hash in auth_file "
			              "in %s:%u", af->path.p, u->line);
			return 1;
		}
	}
	return 0;
}

static const struct pt_conf_authuser *pt_authfile_find(const struct pt_conf_authfile *af,
                                                       const char *user, size_t len)
{
	size_t lo = 0, hi = af->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pt_str *u = &af->v[mid].user;
		size_t n = u->len < len ? u->len : len;
		int r = memcmp(u->p, user, n);
		if (r == 0)
			r = u->len < len ? -1 : u->len > len;
		if (r == 0)
			return &af->v[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* crypt_rn(pass, setting) == setting, in constant time; pass gets a NUL. */
static int pt_authfile_crypt_ok(const struct pt_core_bytes *pass, const char *setting)
{
	struct crypt_data *cd = calloc(1, sizeof(*cd));
	char key[1024];
	int ok = 0;

	if (cd == NULL || pass->len >= sizeof(key) || memchr(pass->p, '\0', pass->len)) {
		free(cd);
		return 0;
	}
	memcpy(key, pass->p, pass->len);
	key[pass->len] = '\0';
	const char *h = crypt_rn(key, setting, cd, (int)sizeof(*cd));
	if (h != NULL && h[0] != '*')
		ok = pt_ct_equal(h, strlen(h), setting, strlen(setting));
	explicit_bzero(key, sizeof(key));
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ok;
}

static void pt_hex(const unsigned char *in, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
}

/* The client's hex digest against the one the password gives: CRAM-MD5 is
 * HMAC-MD5(password, challenge), APOP is MD5(timestamp password). */
static int pt_authfile_digest_ok(uint32_t method, const struct pt_core_bytes *salt,
                                 const char *pw, size_t pwlen, const struct pt_core_bytes *given)
{
	unsigned char d[br_md5_SIZE];
	char want[2 * br_md5_SIZE], got[2 * br_md5_SIZE];

	if (given->len != sizeof(got))
		return 0;
	for (size_t i = 0; i < sizeof(got); i++) {
		char ch = given->p[i];
		got[i] = (char)(ch >= 'A' && ch <= 'F' ? ch - 'A' + 'a' : ch);
	}
	if (method == PT_CORE_AUTH_CRAM_MD5) {
		br_hmac_key_context kc;
		br_hmac_context hc;
		br_hmac_key_init(&kc, &br_md5_vtable, pw, pwlen);
		br_hmac_init(&hc, &kc, 0);
		br_hmac_update(&hc, salt->p, salt->len);
		br_hmac_out(&hc, d);
		explicit_bzero(&kc, sizeof(kc));
		explicit_bzero(&hc, sizeof(hc));
	} else {
		br_md5_context mc;
		br_md5_init(&mc);
		br_md5_update(&mc, salt->p, salt->len);
		br_md5_update(&mc, pw, pwlen);
		br_md5_out(&mc, d);
		explicit_bzero(&mc, sizeof(mc));
	}
	pt_hex(d, sizeof(d), want);
	return pt_ct_equal(want, sizeof(want), got, sizeof(got));
}

/* The first crypt secret of the file: what an unknown user is hashed with. */
static const char *pt_authfile_decoy(const struct pt_conf_authfile *af)
{
	for (size_t k = 0; k < af->n; k++)
		if (!pt_authfile_is_plain(&af->v[k].secret) && !pt_authfile_is_locked(&af->v[k].secret))
			return af->v[k].secret.p;
	return NULL;
}

/* Does cr prove u (NULL: unknown user)? */
static int pt_authfile_verify(const struct pt_conf_authfile *af, const struct pt_conf_authuser *u,
                              const struct pt_auth_creds *cr)
{
	const struct pt_str *sec;

	if (cr->method == PT_CORE_AUTH_NONE)
		return u != NULL;
	if (u == NULL || pt_authfile_is_locked(&u->secret)) {
		const char *decoy = pt_authfile_decoy(af);
		if (decoy != NULL && cr->method == PT_CORE_AUTH_PLAIN)
			(void)pt_authfile_crypt_ok(&cr->pass, decoy);
		return 0;
	}
	sec = &u->secret;
	switch (cr->method) {
	case PT_CORE_AUTH_PLAIN:
		if (pt_authfile_is_plain(sec))
			return pt_ct_equal(sec->p + PT_PLAIN_PREFIX_LEN, sec->len - PT_PLAIN_PREFIX_LEN,
			                   cr->pass.p, cr->pass.len);
		return pt_authfile_crypt_ok(&cr->pass, sec->p);
	case PT_CORE_AUTH_CRAM_MD5:
	case PT_CORE_AUTH_APOP:
		if (!pt_authfile_is_plain(sec))
			return 0;
		return pt_authfile_digest_ok(cr->method, &cr->salt, sec->p + PT_PLAIN_PREFIX_LEN,
		                             sec->len - PT_PLAIN_PREFIX_LEN, &cr->pass);
	default:
		/* EXTERNAL needs a verified client certificate, which is TLS's. */
		return 0;
	}
}

void pt_authfile_answer(struct pt_conn *c)
{
	const struct pt_conf_authfile *af = &c->srv->auth_file;
	const struct pt_conf_authuser *u;
	const struct pt_addr *be = NULL;
	struct pt_auth_creds cr;
	char ip[INET6_ADDRSTRLEN], reply[1024];
	int n;

	if (pt_session_auth_creds(c->s, &cr)) {
		pt_auth_feed(c, "", 0);    /* no reply: the core's internal error */
		return;
	}
	if (cr.method == PT_CORE_AUTH_NONE)
		u = pt_authfile_find(af, "*", 1);
	else
		u = pt_authfile_find(af, cr.user.p, cr.user.len);
	/* The file names imap, pop3, smtp and sieve backends (proto/passwd.h). */
	if (c->core->proto <= PT_CORE_SIEVE && pt_authfile_verify(af, u, &cr))
		be = &u->backend[c->core->proto - PT_CORE_IMAP];
	if (be == NULL || be->family == 0 ||
	    inet_ntop(be->family == 6 ? AF_INET6 : AF_INET, be->ip, ip, sizeof(ip)) == NULL) {
		if (be != NULL)
			PT_CLOG(c, PT_LOG_INFO, "auth_file names no backend for this protocol");
		pt_auth_feed(c, PT_AUTHFILE_FAIL, sizeof(PT_AUTHFILE_FAIL) - 1);
		return;
	}
	n = snprintf(reply, sizeof(reply), "Auth-Status: OK\r\nAuth-Server: %s\r\n"
	             "Auth-Port: %u\r\n", ip, (unsigned)be->port);
	if (cr.method == PT_CORE_AUTH_CRAM_MD5 || cr.method == PT_CORE_AUTH_APOP)
		n += snprintf(reply + n, sizeof(reply) - (size_t)n, "Auth-Pass: %s\r\n",
		              u->secret.p + PT_PLAIN_PREFIX_LEN);
	n += snprintf(reply + n, sizeof(reply) - (size_t)n, "\r\n");   /* the header end */
	pt_auth_feed(c, reply, n > 0 && (size_t)n < sizeof(reply) ? (size_t)n : 0);
	explicit_bzero(reply, sizeof(reply));
}
