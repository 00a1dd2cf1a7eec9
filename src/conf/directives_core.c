/*
 * directives_core.c - setters of the directives that are more than a
 * value: blocks, include, the top-level nginx directives, error_log,
 * protocol, resolver, auth_http, set_real_ip_from, starttls,
 * ssl_session_cache and the capability lists.  Messages are nginx's.
 */
#include <string.h>
#include <strings.h>

#include "conf/conf_int.h"
#include "util/built.h"

static struct pt_conf_server *cur(struct pt_conf_parser *P)
{
	return P->ctx == PT_CTX_SRV ? P->srv : P->mail;
}

static struct pt_str dup_str(struct pt_conf_parser *P, const char *p, size_t n)
{
	struct pt_str s = { pt_conf_arena_strdup(P->arena, p, n), n };
	return s;
}

static int starts(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

/* ---- include ----------------------------------------------------------------- */

struct pt_conf_globv {
	struct pt_conf_parser *P;
	const char **v;
	size_t n, cap;
};

static int pt_conf_glob_add(void *actx, const char *path)
{
	struct pt_conf_globv *g = actx;

	if (pt_conf_arena_grow(g->P->arena, (void **)&g->v, &g->cap, g->n, sizeof(*g->v)))
		return -1;
	g->v[g->n] = pt_conf_arena_strdup(g->P->arena, path, strlen(path));
	return g->v[g->n++] ? 0 : -1;
}

const char *pt_conf_set_include(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                const struct pt_conf_args *a)
{
	struct pt_conf_globv g = { P, NULL, 0, 0 };
	char *path = pt_conf_full_name(P, a->argv[1], 1);
	int err;

	(void)d;
	if (path == NULL)
		return PT_CONF_FAIL;
	if (strpbrk(path, "*?[") == NULL)
		return pt_conf_parse_file(P, path) ? PT_CONF_FAIL : NULL;
	err = P->io->glob(P->io->ctx, path, pt_conf_glob_add, &g);
	if (err) {
		pt_conf_error(P, PT_LOG_EMERG, "glob() \"%s\" failed (%d: %s)", path, err,
		              pt_conf_sys_error(P, err));
		return PT_CONF_FAIL;
	}
	for (size_t i = 0; i < g.n; i++)
		if (pt_conf_parse_file(P, g.v[i]))
			return PT_CONF_FAIL;
	return NULL;
}

/* ---- blocks --------------------------------------------------------------------- */

const char *pt_conf_set_mail(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                             const struct pt_conf_args *a)
{
	(void)d;
	(void)a;
	if (P->conf->has_mail)
		return "is duplicate";
	P->conf->has_mail = 1;
	P->mail = pt_conf_server_new(P);
	if (P->mail == NULL)
		return PT_CONF_FAIL;
	P->mail->file = P->file;
	P->mail->line = P->line;
	if (pt_conf_parse_block(P, PT_CTX_MAIL))
		return PT_CONF_FAIL;
	/* nginx merges and checks the servers when the mail block ends. */
	return pt_conf_check_mail(P) ? PT_CONF_FAIL : NULL;
}

const char *pt_conf_set_server(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                               const struct pt_conf_args *a)
{
	struct pt_conf_server *s = pt_conf_server_new(P);

	(void)d;
	(void)a;
	if (s == NULL || pt_conf_arena_grow(P->arena, (void **)&P->servers, &P->cap_servers,
	                                    P->n_servers, sizeof(*P->servers)))
		return PT_CONF_FAIL;
	s->file = P->file;
	s->line = P->line;
	P->servers[P->n_servers++] = s;
	P->srv = s;
	int r = pt_conf_parse_block(P, PT_CTX_SRV);
	P->srv = NULL;
	if (r)
		return PT_CONF_FAIL;
	if (s->n_listen == 0) {
		pt_conf_error_at(P, PT_LOG_EMERG, s->file, s->line,
		                 "no \"listen\" is defined for server");
		return PT_CONF_FAIL;
	}
	return NULL;
}

/* http{} and stream{} of a full nginx.conf carry nothing postern uses:
 * read past them and say so. */
const char *pt_conf_set_ignored_block(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                      const struct pt_conf_args *a)
{
	(void)d;
	pt_conf_error(P, PT_LOG_NOTICE, "\"%s\" block is ignored", a->argv[0]);
	return pt_conf_parse_block(P, 0) ? PT_CONF_FAIL : NULL;
}

/* events{}: worker_connections is used; nginx's other event settings are
 * accepted with a notice (postern picks its own event method). */
const char *pt_conf_set_events(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                               const struct pt_conf_args *a)
{
	(void)d;
	(void)a;
	if (P->conf->has_events)
		return "is duplicate";
	P->conf->has_events = 1;
	return pt_conf_parse_block(P, PT_CTX_EVENTS) ? PT_CONF_FAIL : NULL;
}

const char *pt_conf_set_ignored(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                const struct pt_conf_args *a)
{
	(void)d;
	pt_conf_error(P, PT_LOG_NOTICE, "\"%s\" directive is ignored", a->argv[0]);
	return NULL;
}

const char *pt_conf_set_worker_connections(struct pt_conf_parser *P,
                                           const struct pt_conf_dir *d,
                                           const struct pt_conf_args *a)
{
	int64_t n;

	(void)d;
	if (P->conf->worker_connections != PT_UNSET)
		return "is duplicate";
	n = pt_conf_parse_num(a->argv[1], a->len[1]);
	if (n < 0) {
		pt_conf_error(P, PT_LOG_EMERG, "invalid number \"%s\"", a->argv[1]);
		return PT_CONF_FAIL;
	}
	P->conf->worker_connections = n;
	return NULL;
}

const char *pt_conf_set_shutdown_timeout(struct pt_conf_parser *P,
                                         const struct pt_conf_dir *d,
                                         const struct pt_conf_args *a)
{
	(void)d;
	if (P->conf->worker_shutdown_timeout_ms != PT_UNSET)
		return "is duplicate";
	P->conf->worker_shutdown_timeout_ms = pt_conf_parse_time(a->argv[1], a->len[1], 0);
	if (P->conf->worker_shutdown_timeout_ms < 0)
		return "invalid value";
	return NULL;
}

const char *pt_conf_set_load_module(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                    const struct pt_conf_args *a)
{
	(void)d;
	pt_conf_error(P, PT_LOG_NOTICE, "\"load_module\" directive is ignored, "
	              "the mail modules are built in: \"%s\"", a->argv[1]);
	return NULL;
}

/* ---- top level ------------------------------------------------------------------ */

const char *pt_conf_set_user(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                             const struct pt_conf_args *a)
{
	(void)d;
	if (P->conf->user.p)
		return "is duplicate";
	if (P->io->unprivileged) {
		pt_conf_error(P, PT_LOG_WARN, "the \"user\" directive makes sense only if the master "
		              "process runs with super-user privileges, ignored");
		return NULL;
	}
	P->conf->user = dup_str(P, a->argv[1], a->len[1]);
	/* nginx: with one argument the group has the user's name. */
	if (a->argc == 3)
		P->conf->group = dup_str(P, a->argv[2], a->len[2]);
	else
		P->conf->group = dup_str(P, a->argv[1], a->len[1]);
	if (P->io->check_user) {
		int r = P->io->check_user(P->io->ctx, P->conf->user.p, P->conf->group.p);
		if (r == 1) {
			pt_conf_error(P, PT_LOG_EMERG, "getpwnam(\"%s\") failed", P->conf->user.p);
			return PT_CONF_FAIL;
		}
		if (r == 2) {
			pt_conf_error(P, PT_LOG_EMERG, "getgrnam(\"%s\") failed", P->conf->group.p);
			return PT_CONF_FAIL;
		}
	}
	return NULL;
}

const char *pt_conf_set_worker_processes(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                         const struct pt_conf_args *a)
{
	(void)d;
	if (P->conf->worker_processes != PT_UNSET)
		return "is duplicate";
	if (strcmp(a->argv[1], "auto") == 0) {
		P->conf->worker_processes = 0;
		return NULL;
	}
	P->conf->worker_processes = pt_conf_parse_num(a->argv[1], a->len[1]);
	if (P->conf->worker_processes < 0)
		return "invalid value";
	return NULL;
}

const char *pt_conf_set_pid(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                            const struct pt_conf_args *a)
{
	(void)d;
	if (P->conf->pid.p)
		return "is duplicate";
	char *p = pt_conf_full_name(P, a->argv[1], 0);
	if (p == NULL)
		return PT_CONF_FAIL;
	P->conf->pid.p = p;
	P->conf->pid.len = strlen(p);
	return NULL;
}

/* error_log FILE|stderr|syslog:...  [LEVEL] */
const char *pt_conf_set_error_log(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                  const struct pt_conf_args *a)
{
	struct pt_conf_loglist *l;
	struct pt_conf_log lg;
	const char *t = a->argv[1];

	(void)d;
	l = P->ctx == PT_CTX_MAIN ? &P->conf->error_log : &cur(P)->error_log;
	memset(&lg, 0, sizeof(lg));
	if (strcmp(t, "stderr") == 0) {
		lg.target = dup_str(P, t, a->len[1]);
	} else if (starts(t, "memory:")) {
		pt_conf_error(P, PT_LOG_EMERG, "\"memory:\" error logs are not supported");
		return PT_CONF_FAIL;
	} else if (starts(t, "syslog:")) {
		if (strstr(t + 7, "server=") == NULL) {
			pt_conf_error(P, PT_LOG_EMERG, "no syslog server specified");
			return PT_CONF_FAIL;
		}
		lg.target = dup_str(P, t, a->len[1]);
	} else {
		char *p = pt_conf_full_name(P, t, 0);
		if (p == NULL)
			return PT_CONF_FAIL;
		lg.target.p = p;
		lg.target.len = strlen(p);
	}
	lg.level = PT_LOG_ERR;
	for (size_t i = 2; i < a->argc; i++) {
		enum pt_log_level v;
		if (pt_log_level_parse(a->argv[i], a->len[i], &v) != 0) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid log level \"%s\"", a->argv[i]);
			return PT_CONF_FAIL;
		}
		if (i > 2) {
			pt_conf_error(P, PT_LOG_EMERG, "duplicate log level \"%s\"", a->argv[i]);
			return PT_CONF_FAIL;
		}
		lg.level = v;
	}
	if (pt_conf_arena_append(P->arena, (const void **)&l->v, &l->n, &lg, sizeof(lg)))
		return PT_CONF_FAIL;
	return NULL;
}

/* ---- mail core ---------------------------------------------------------------- */

/* make WITHOUT=... leaves protocols out of the build (util/built.h). */
int pt_conf_proto_built(enum pt_proto p)
{
	return (p == PT_PROTO_IMAP && PT_BUILT_IMAP) || (p == PT_PROTO_POP3 && PT_BUILT_POP3) ||
	       (p == PT_PROTO_SMTP && PT_BUILT_SMTP) || (p == PT_PROTO_SIEVE && PT_BUILT_SIEVE);
}

const char *pt_conf_set_protocol(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                 const struct pt_conf_args *a)
{
	static const struct pt_conf_enum words[] = {
		{ "imap", PT_PROTO_IMAP }, { "pop3", PT_PROTO_POP3 }, { "smtp", PT_PROTO_SMTP },
		{ "sieve", PT_PROTO_SIEVE }, { NULL, 0 }
	};

	(void)d;
	for (const struct pt_conf_enum *e = words; e->name; e++) {
		if (strcmp(e->name, a->argv[1]) != 0)
			continue;
		if (!pt_conf_proto_built((enum pt_proto)e->value)) {
			pt_conf_error(P, PT_LOG_EMERG, "protocol \"%s\" is not built in "
			              "(postern -V lists those that are)", a->argv[1]);
			return PT_CONF_FAIL;
		}
		P->srv->protocol = (enum pt_proto)e->value;
		return NULL;
	}
	pt_conf_error(P, PT_LOG_EMERG, "unknown protocol \"%s\"", a->argv[1]);
	return PT_CONF_FAIL;
}

const char *pt_conf_set_resolver(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                 const struct pt_conf_args *a)
{
	struct pt_conf_resolver *r = pt_conf_field(cur(P), d);
	struct pt_addr *addrs;
	size_t n = 0;

	if (r->set != PT_UNSET)
		return "is duplicate";
	if (strcmp(a->argv[1], "off") == 0) {
		r->set = 0;
		return NULL;
	}
	addrs = pt_conf_arena_alloc(P->arena, a->argc * PT_CONF_RESOLVE_MAX * sizeof(*addrs));
	if (addrs == NULL)
		return PT_CONF_FAIL;
	r->valid_sec = -1;
	r->ipv4 = 1;
	r->ipv6 = 1;
	for (size_t i = 1; i < a->argc; i++) {
		const char *v = a->argv[i], *err = NULL;
		if (starts(v, "valid=")) {
			r->valid_sec = pt_conf_parse_time(v + 6, a->len[i] - 6, 1);
			if (r->valid_sec < 0) {
				pt_conf_error(P, PT_LOG_EMERG, "invalid parameter: %s", v);
				return PT_CONF_FAIL;
			}
		} else if (starts(v, "ipv4=") || starts(v, "ipv6=")) {
			int *f = v[3] == '4' ? &r->ipv4 : &r->ipv6;
			if (strcmp(v + 5, "on") == 0)
				*f = 1;
			else if (strcmp(v + 5, "off") == 0)
				*f = 0;
			else {
				pt_conf_error(P, PT_LOG_EMERG, "invalid parameter: %s", v);
				return PT_CONF_FAIL;
			}
		} else {
			int got = pt_conf_parse_url_addr(P, v, 53, NULL, &addrs[n], PT_CONF_RESOLVE_MAX, &err);
			if (got < 0) {
				pt_conf_error(P, PT_LOG_EMERG, "%s in resolver \"%s\"", err, v);
				return PT_CONF_FAIL;
			}
			n += (size_t)got;
		}
	}
	if (!r->ipv4 && !r->ipv6) {
		pt_conf_error(P, PT_LOG_EMERG, "\"ipv4\" and \"ipv6\" cannot both be \"off\"");
		return PT_CONF_FAIL;
	}
	if (n == 0) {
		pt_conf_error(P, PT_LOG_EMERG, "no name servers defined");
		return PT_CONF_FAIL;
	}
	r->set = 1;
	r->addrs = addrs;
	r->n = n;
	return NULL;
}

/* auth_http [http://]host[:port][/uri] | unix:path[:uri] */
const char *pt_conf_set_auth_http(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                  const struct pt_conf_args *a)
{
	struct pt_conf_authurl *u = pt_conf_field(cur(P), d);
	const char *s = a->argv[1], *err = NULL;
	const char *host, *hend, *uri;

	/* nginx has no duplicate check here: the last auth_http wins. */
	memset(u, 0, sizeof(*u));
	u->url = dup_str(P, s, a->len[1]);
	if (strncmp(s, "http://", 7) == 0)
		s += 7;
	if (strncasecmp(s, "unix:", 5) == 0) {
		const char *path = s + 5, *colon = strchr(path, ':');
		size_t plen = colon ? (size_t)(colon - path) : strlen(path);
		if (plen == 0) {
			err = "no path in the unix domain socket";
			goto fail;
		}
		u->unix_socket = 1;
		u->addr.family = 'u';
		u->addr.path = dup_str(P, path, plen);
		pt_conf_addr_text(&u->addr);
		u->host = dup_str(P, "localhost", 9);
		u->uri = colon ? dup_str(P, colon + 1, strlen(colon + 1)) : dup_str(P, "/", 1);
		return NULL;
	}
	host = s;
	uri = strchr(s, '/');
	hend = uri ? uri : s + strlen(s);
	u->uri = uri ? dup_str(P, uri, strlen(uri)) : dup_str(P, "/", 1);
	u->addr.port = 80;
	if (host[0] == '[') {
		const char *rb = memchr(host, ']', (size_t)(hend - host));
		if (rb == NULL) {
			err = "invalid host";
			goto fail;
		}
		if (pt_conf_parse_addr(host + 1, (size_t)(rb - host - 1), &u->addr)) {
			err = "invalid IPv6 address";
			goto fail;
		}
		u->host = dup_str(P, host, (size_t)(rb - host + 1));
		if (rb + 1 < hend) {
			if (rb[1] != ':') {
				err = "invalid host";
				goto fail;
			}
			int64_t p = pt_conf_parse_num(rb + 2, (size_t)(hend - rb - 2));
			if (p < 1 || p > 65535) {
				err = "invalid port";
				goto fail;
			}
			u->addr.port = (uint16_t)p;
		}
	} else {
		const char *colon = memchr(host, ':', (size_t)(hend - host));
		const char *nend = colon ? colon : hend;
		if (nend == host) {
			err = "no host";
			goto fail;
		}
		if (colon) {
			int64_t p = pt_conf_parse_num(colon + 1, (size_t)(hend - colon - 1));
			if (p < 1 || p > 65535) {
				err = "invalid port";
				goto fail;
			}
			u->addr.port = (uint16_t)p;
		}
		u->host = dup_str(P, host, (size_t)(nend - host));
		if (pt_conf_parse_addr(host, (size_t)(nend - host), &u->addr)) {
			struct pt_addr r[1];
			uint16_t port = u->addr.port;
			if (P->io->resolve == NULL ||
			    P->io->resolve(P->io->ctx, u->host.p, r, 1) < 1) {
				err = "host not found";
				goto fail;
			}
			u->addr.family = r[0].family;
			memcpy(u->addr.ip, r[0].ip, sizeof(u->addr.ip));
			u->addr.port = port;
		}
	}
	pt_conf_addr_text(&u->addr);
	return NULL;
fail:
	/* nginx quotes the URL without its "http://". */
	pt_conf_error(P, PT_LOG_EMERG, "%s in auth_http \"%s\"", err, s);
	return PT_CONF_FAIL;
}

static int pt_conf_cidr_add(struct pt_conf_parser *P, struct pt_conf_cidrlist *l,
                            const struct pt_cidr *c)
{
	return pt_conf_arena_append(P->arena, (const void **)&l->v, &l->n, c, sizeof(*c));
}

/* "a.b.c.d[/bits]" or an IPv6 form; 0 ok, 1 host bits set, -1 not a CIDR. */
static int pt_conf_parse_cidr(const char *s, struct pt_cidr *c)
{
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	struct pt_addr ad;
	int64_t bits;
	int host_bits = 0;

	memset(c, 0, sizeof(*c));
	if (pt_conf_parse_addr(s, alen, &ad))
		return -1;
	int max = ad.family == 6 ? 128 : 32;
	bits = max;
	if (slash) {
		bits = pt_conf_parse_num(slash + 1, strlen(slash + 1));
		if (bits < 0 || bits > max)
			return -1;
	}
	c->family = ad.family;
	for (int i = 0; i < max / 8; i++) {
		int b = (int)bits - i * 8;
		c->mask[i] = b >= 8 ? 0xff : b <= 0 ? 0 : (uint8_t)(0xff << (8 - b));
		c->ip[i] = ad.ip[i] & c->mask[i];
		host_bits |= c->ip[i] != ad.ip[i];
	}
	return host_bits;
}

/* allow | deny  address | CIDR | unix: | all  (postern extension with the
 * syntax and messages of nginx's ngx_stream_access_module) */
const char *pt_conf_set_access(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                               const struct pt_conf_args *a)
{
	struct pt_conf_accesslist *l = pt_conf_field(cur(P), d);
	struct pt_conf_access rule;
	const char *s = a->argv[1];
	int r;

	memset(&rule, 0, sizeof(rule));
	rule.deny = a->argv[0][0] == 'd';
	if (strcmp(s, "all") == 0) {
		rule.all = 1;
	} else if (strcmp(s, "unix:") == 0) {
		rule.cidr.family = 'u';
	} else {
		r = pt_conf_parse_cidr(s, &rule.cidr);
		if (r < 0) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid parameter \"%s\"", s);
			return PT_CONF_FAIL;
		}
		if (r == 1)
			pt_conf_error(P, PT_LOG_WARN, "low address bits of %s are meaningless", s);
	}
	if (pt_conf_arena_append(P->arena, (const void **)&l->v, &l->n, &rule, sizeof(rule)))
		return PT_CONF_FAIL;
	return NULL;
}

/* set_real_ip_from address | CIDR | host | unix: (ngx_mail_realip_from) */
const char *pt_conf_set_real_ip_from(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                     const struct pt_conf_args *a)
{
	struct pt_conf_cidrlist *l = pt_conf_field(cur(P), d);
	const char *s = a->argv[1];
	struct pt_cidr c;
	int r;

	memset(&c, 0, sizeof(c));
	if (strcmp(s, "unix:") == 0) {
		c.family = 'u';
		return pt_conf_cidr_add(P, l, &c) ? PT_CONF_FAIL : NULL;
	}
	r = pt_conf_parse_cidr(s, &c);
	if (r >= 0) {
		if (r == 1)
			pt_conf_error(P, PT_LOG_WARN, "low address bits of %s are meaningless", s);
		return pt_conf_cidr_add(P, l, &c) ? PT_CONF_FAIL : NULL;
	}
	/* Not an address: nginx hands the text to getaddrinfo, each address
	 * found becomes a /32 or /128. */
	struct pt_addr addrs[PT_CONF_RESOLVE_MAX];
	int got = P->io->resolve ? P->io->resolve(P->io->ctx, s, addrs, PT_CONF_RESOLVE_MAX) : 0;
	if (got < 1) {
		pt_conf_error(P, PT_LOG_EMERG, "host not found in set_real_ip_from \"%s\"", s);
		return PT_CONF_FAIL;
	}
	for (int k = 0; k < got; k++) {
		memset(&c, 0, sizeof(c));
		c.family = addrs[k].family;
		memcpy(c.ip, addrs[k].ip, sizeof(c.ip));
		memset(c.mask, 0xff, c.family == 6 ? 16 : 4);
		if (pt_conf_cidr_add(P, l, &c))
			return PT_CONF_FAIL;
	}
	return NULL;
}

/* ---- ssl and capabilities ------------------------------------------------------- */

const char *pt_conf_set_starttls(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                 const struct pt_conf_args *a)
{
	struct pt_conf_server *s = cur(P);
	int *f = pt_conf_field(s, d);

	if (*f != PT_UNSET)
		return "is duplicate";
	for (const struct pt_conf_enum *e = d->values; e->name; e++) {
		if (strcasecmp(e->name, a->argv[1]) == 0) {
			*f = (int)e->value;
			if (*f != PT_STARTTLS_OFF && !s->ssl_listen) {
				/* The place the certificate check will name. */
				s->ssl_file = P->file;
				s->ssl_line = P->line;
			}
			return NULL;
		}
	}
	pt_conf_error(P, PT_LOG_EMERG, "invalid value \"%s\"", a->argv[1]);
	return PT_CONF_FAIL;
}

/* ssl_session_cache off | none | [builtin[:size]] [shared:name:size]
 * (ngx_mail_ssl_session_cache: no duplicate check, a later one wins). */
const char *pt_conf_set_session_cache(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                      const struct pt_conf_args *a)
{
	struct pt_strlist *f = pt_conf_field(cur(P), d);
	struct pt_str *v;

	for (size_t i = 1; i < a->argc; i++) {
		const char *w = a->argv[i];
		int ok = 0;
		if (strcmp(w, "off") == 0 || strcmp(w, "none") == 0 || strcmp(w, "builtin") == 0) {
			ok = 1;
		} else if (starts(w, "builtin:")) {
			ok = pt_conf_parse_num(w + 8, strlen(w + 8)) >= 0;
		} else if (starts(w, "shared:")) {
			const char *colon = strchr(w + 7, ':');
			int64_t size = colon ? pt_conf_parse_size(colon + 1, strlen(colon + 1)) : -1;
			ok = colon && colon > w + 7 && size >= 0;
			if (ok && (size_t)size < PT_CONF_SHM_MIN) {
				pt_conf_error(P, PT_LOG_EMERG, "session cache \"%s\" is too small", w);
				return PT_CONF_FAIL;
			}
		}
		if (!ok) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid session cache \"%s\"", w);
			return PT_CONF_FAIL;
		}
	}
	v = pt_conf_arena_alloc(P->arena, a->argc * sizeof(*v));
	if (v == NULL)
		return PT_CONF_FAIL;
	for (size_t i = 1; i < a->argc; i++)
		v[i - 1] = dup_str(P, a->argv[i], a->len[i]);
	f->v = v;
	f->n = a->argc - 1;
	return NULL;
}

/* access_log path [format=text|json] | off (postern extension) */
const char *pt_conf_set_access_log(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                   const struct pt_conf_args *a)
{
	struct pt_conf_server *s = cur(P);

	(void)d;
	if (s->access_log_set)
		return "is duplicate";
	s->access_log_set = 1;
	if (strcmp(a->argv[1], "off") == 0) {
		if (a->argc > 2) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid parameter \"%s\"", a->argv[2]);
			return PT_CONF_FAIL;
		}
		return NULL;
	}
	if (a->argc == 3) {
		if (strcmp(a->argv[2], "format=json") == 0) {
			s->access_log_json = 1;
		} else if (strcmp(a->argv[2], "format=text") != 0) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid parameter \"%s\"", a->argv[2]);
			return PT_CONF_FAIL;
		}
	}
	char *p = pt_conf_full_name(P, a->argv[1], 0);
	if (p == NULL)
		return PT_CONF_FAIL;
	s->access_log.p = p;
	s->access_log.len = strlen(p);
	return NULL;
}

const char *pt_conf_set_rlimit_nofile(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                      const struct pt_conf_args *a)
{
	(void)d;
	if (P->conf->worker_rlimit_nofile != PT_UNSET)
		return "is duplicate";
	P->conf->worker_rlimit_nofile = pt_conf_parse_num(a->argv[1], a->len[1]);
	if (P->conf->worker_rlimit_nofile < 0)
		return "invalid number";
	return NULL;
}

const char *pt_conf_set_daemon(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                               const struct pt_conf_args *a)
{
	(void)d;
	return pt_conf_set_onoff(P, a, &P->conf->daemon);
}
