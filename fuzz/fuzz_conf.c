/*
 * Target: grammar/conf.rl and src/conf - the whole configuration loader.
 *
 * Input: up to four configuration files separated by a line "#--"; the
 * first is the main file "/f/main.conf", the others "/f/1.conf" ...
 * "/f/3.conf" (so "include 1.conf;" and "include *.conf;" reach them).
 * A first line "#g <text>" gives -g directives.  Host names: only
 * "localhost" resolves (127.0.0.1 and ::1).
 *
 * Checked on every input:
 *   - a load that fails has reported an [emerg]; one that succeeds has not;
 *   - a loaded config keeps the invariants of conf.h (every server has a
 *     protocol, a listen and an auth_http; TLS servers have certificates
 *     and keys; no address:port is listened on twice);
 *   - the tokenizer gives the same tokens whole and in chunks.
 */
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "proto/conf_lex.h"

#define NFILES 4

struct fz {
	struct pt_conf_io io;
	const char *name[NFILES];
	const char *data[NFILES];
	size_t len[NFILES];
	int nfiles;
	int emerg;
};

static int fz_read(void *ctx, const char *path, const char **data, size_t *len)
{
	struct fz *z = ctx;

	for (int i = 0; i < z->nfiles; i++) {
		if (strcmp(path, z->name[i]) == 0) {
			*data = z->data[i];
			*len = z->len[i];
			return 0;
		}
	}
	return 2;   /* ENOENT */
}

static int fz_glob(void *ctx, const char *pattern, int (*add)(void *, const char *), void *actx)
{
	struct fz *z = ctx;

	for (int i = 0; i < z->nfiles; i++)
		if (fnmatch(pattern, z->name[i], FNM_PATHNAME) == 0 && add(actx, z->name[i]))
			return 12;
	return 0;
}

static int fz_resolve(void *ctx, const char *host, struct pt_addr *out, int max)
{
	(void)ctx;
	if (strcmp(host, "localhost") != 0 || max < 2)
		return 0;
	memset(out, 0, 2 * sizeof(*out));
	out[0].family = 4;
	out[0].ip[0] = 127;
	out[0].ip[3] = 1;
	out[1].family = 6;
	out[1].ip[15] = 1;
	return 2;
}

static void fz_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	struct fz *z = ctx;

	if (strlen(text) >= PT_LOG_LINE_MAX)
		abort();
	if (lvl <= PT_LOG_ERR)
		z->emerg++;
}

static void fz_check(const struct pt_conf *c)
{
	for (size_t i = 0; i < c->n_servers; i++) {
		const struct pt_conf_server *s = &c->servers[i];
		if (s->protocol == PT_PROTO_NONE || s->n_listen == 0 || s->auth_http.url.p == NULL)
			abort();
		if (s->timeout_ms < 0 || s->proxy_buffer < 0 || s->imap_client_buffer < 0 ||
		    s->max_errors < 0 || s->server_name.p == NULL)
			abort();
		int tls = s->starttls != PT_STARTTLS_OFF;
		for (size_t k = 0; k < s->n_listen; k++) {
			if (s->listen[k]->server != s)
				abort();
			tls |= s->listen[k]->ssl;
		}
		if (tls && (s->ssl_certificate.n == 0 ||
		            s->ssl_certificate_key.n < s->ssl_certificate.n))
			abort();
	}
	for (size_t i = 0; i < c->n_listens; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(c->listens[i].addr.text, c->listens[k].addr.text) == 0)
				abort();
}

/* Tokenizer differential: a running hash of the token stream. */
struct fz_tokhash { uint64_t h; };

static int fz_tok(void *ctx, const struct pt_conf_tok *t)
{
	struct fz_tokhash *th = ctx;

	th->h = th->h * 1099511628211u + (uint64_t)t->type * 31 + t->line;
	for (size_t i = 0; i < t->len; i++)
		th->h = (th->h ^ (uint8_t)t->word[i]) * 1099511628211u;
	return 0;
}

static void fz_lex_diff(const uint8_t *d, size_t n)
{
	static struct pt_conf_lex L;
	struct fz_tokhash a = { 14695981039346656037u }, b = a;
	enum pt_conf_lex_status sa, sb = PT_CONF_LEX_OK;
	size_t step = 1 + (n ? d[0] % 7 : 0);

	pt_conf_lex_init(&L, fz_tok, &a);
	sa = pt_conf_lex_feed(&L, d, n);
	if (sa == PT_CONF_LEX_OK)
		sa = pt_conf_lex_finish(&L);
	pt_conf_lex_init(&L, fz_tok, &b);
	for (size_t off = 0; off < n && sb == PT_CONF_LEX_OK; off += step)
		sb = pt_conf_lex_feed(&L, d + off, n - off < step ? n - off : step);
	if (sb == PT_CONF_LEX_OK)
		sb = pt_conf_lex_finish(&L);
	if (sa != sb || a.h != b.h)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[NFILES] = { "/f/main.conf", "/f/1.conf", "/f/2.conf", "/f/3.conf" };
	struct fz z;
	char *buf, *params = NULL;
	struct pt_conf *conf;

	if (size > 64 * 1024)
		return 0;
	fz_lex_diff(data, size);

	buf = malloc(size + 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';

	memset(&z, 0, sizeof(z));
	char *p = buf, *end = buf + size;
	if (size > 3 && memcmp(p, "#g ", 3) == 0) {
		char *nl = memchr(p, '\n', size);
		params = p + 3;
		if (nl) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p = end;
		}
	}
	while (z.nfiles < NFILES) {
		char *sep = z.nfiles < NFILES - 1 ? memmem(p, (size_t)(end - p), "\n#--\n", 5) : NULL;
		z.name[z.nfiles] = names[z.nfiles];
		z.data[z.nfiles] = p;
		z.len[z.nfiles] = sep ? (size_t)(sep - p) + 1 : (size_t)(end - p);
		z.nfiles++;
		if (sep == NULL)
			break;
		p = sep + 5;
	}

	z.io.ctx = &z;
	z.io.read_file = fz_read;
	z.io.glob = fz_glob;
	z.io.resolve = fz_resolve;
	z.io.msg = fz_msg;
	z.io.prefix = "/p/";
	z.io.conf_prefix = "/f/";
	z.io.hostname = "fuzz.example";
	z.io.params = params;

	conf = pt_conf_load(&z.io, names[0]);
	if (conf == NULL) {
		if (z.emerg == 0)
			abort();    /* every refused config says why */
	} else {
		if (z.emerg != 0)
			abort();
		fz_check(conf);
		pt_conf_free(conf);
	}
	free(buf);
	return 0;
}
