/*
 * listen.c - the mail listen directive (ngx_mail_core_listen).
 *
 * listen port | *:port | addr:port | [v6]:port | host:port | unix:path
 *        [ssl] [proxy_protocol] [bind] [ipv6only=on|off] [backlog=N]
 *        [rcvbuf=size] [sndbuf=size] [so_keepalive=on|off|[idle]:[intvl]:[cnt]]
 *        [multipath]
 * A host name is resolved now and each of its addresses becomes a listener.
 * Every address:port belongs to one server: a repeat anywhere is an error.
 * Without a protocol directive, the port names the protocol.
 */
#include <string.h>

#include "conf/conf_int.h"
#include "util/limits.h"


static int pt_conf_addr_eq(const struct pt_addr *a, const struct pt_addr *b)
{
	if (a->family != b->family)
		return 0;
	if (a->family == 'u')
		return a->path.len == b->path.len && memcmp(a->path.p, b->path.p, a->path.len) == 0;
	return a->port == b->port && memcmp(a->ip, b->ip, a->family == 6 ? 16 : 4) == 0;
}

static enum pt_proto pt_conf_port_proto(unsigned port)
{
	switch (port) {
	case 143: case 993: return PT_PROTO_IMAP;
	case 110: case 995: return PT_PROTO_POP3;
	case 25: case 465: case 587: return PT_PROTO_SMTP;
	case 4190: return PT_PROTO_SIEVE;       /* RFC 5804 §1.8 */
	default: return PT_PROTO_NONE;
	}
}

static int pt_conf_port(const char *s, size_t n, uint16_t *port)
{
	int64_t p = pt_conf_parse_num(s, n);

	if (p < 1 || p > 65535)
		return -1;
	*port = (uint16_t)p;
	return 0;
}

/* "port" or, for listen, "lo-hi" (nginx 1.15.10+: one listener per port). */
static int pt_conf_ports(const char *s, size_t n, uint16_t *lo, uint16_t *hi, const char **err)
{
	const char *dash = hi ? memchr(s, '-', n) : NULL;

	if (dash == NULL) {
		if (pt_conf_port(s, n, lo)) {
			*err = "invalid port";
			return -1;
		}
		if (hi)
			*hi = *lo;
		return 0;
	}
	if (pt_conf_port(s, (size_t)(dash - s), lo) ||
	    pt_conf_port(dash + 1, n - (size_t)(dash - s) - 1, hi)) {
		*err = "invalid port";
		return -1;
	}
	if (*lo > *hi) {
		*err = "invalid port range";
		return -1;
	}
	return 0;
}

static int pt_conf_all_ports(const char *s, size_t n)
{
	size_t dashes = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-')
			dashes++;
		else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return n > 0 && dashes <= 1;
}

int pt_conf_parse_url_addr(struct pt_conf_parser *P, const char *s, uint16_t default_port,
                           uint16_t *port_hi, struct pt_addr *out, int max, const char **err)
{
	size_t n = strlen(s);
	const char *colon;
	uint16_t port = default_port;

	if (port_hi)
		*port_hi = default_port;

	memset(out, 0, sizeof(*out));
	if (strncmp(s, "unix:", 5) == 0) {
		if (s[5] == '\0') {
			*err = "no path in the unix domain socket";
			return -1;
		}
		if (n - 5 >= 108) {     /* sizeof(sun_path) */
			*err = "too long path in the unix domain socket";
			return -1;
		}
		out->family = 'u';
		out->path.p = pt_conf_arena_strdup(P->arena, s + 5, n - 5);
		out->path.len = n - 5;
		pt_conf_addr_text(out);
		return 1;
	}
	if (strpbrk(s, "/?") != NULL) {
		*err = "invalid host";
		return -1;
	}
	if (s[0] == '[') {
		const char *rb = strchr(s, ']');
		if (rb == NULL || (rb[1] != ':' && rb[1] != '\0')) {
			*err = "invalid host";
			return -1;
		}
		if (rb == s + 1) {
			*err = "no host";
			return -1;
		}
		if (rb[1] == ':' && pt_conf_ports(rb + 2, strlen(rb + 2), &port, port_hi, err))
			return -1;
		if (pt_conf_parse_addr(s + 1, (size_t)(rb - s - 1), out)) {
			*err = "invalid IPv6 address";
			return -1;
		}
		out->port = port;
		pt_conf_addr_text(out);
		return 1;
	}
	colon = strrchr(s, ':');
	if (colon == NULL && port_hi && pt_conf_all_ports(s, n)) {
		/* "listen 143": a bare port means every IPv4 address. */
		if (pt_conf_ports(s, n, &port, port_hi, err))
			return -1;
		out->family = 4;
		out->port = port;
		pt_conf_addr_text(out);
		return 1;
	}
	if (colon && pt_conf_ports(colon + 1, strlen(colon + 1), &port, port_hi, err))
		return -1;
	size_t hl = colon ? (size_t)(colon - s) : n;
	if (hl == 1 && s[0] == '*') {
		out->family = 4;
		out->port = port;
		pt_conf_addr_text(out);
		return 1;
	}
	if (hl == 0) {
		*err = "no host";
		return -1;
	}
	/* nginx quirk kept: a host without a port gets the default port, which
	 * for listen is 0. */
	if (pt_conf_parse_addr(s, hl, out) == 0) {
		out->port = port;
		pt_conf_addr_text(out);
		return 1;
	}
	char host[256];
	if (hl >= sizeof(host)) {
		*err = "host not found";
		return -1;
	}
	memcpy(host, s, hl);
	host[hl] = '\0';
	int got = P->io->resolve ? P->io->resolve(P->io->ctx, host, out, max) : 0;
	if (got < 1) {
		*err = "host not found";
		return -1;
	}
	for (int i = 0; i < got; i++) {
		out[i].port = port;
		pt_conf_addr_text(&out[i]);
	}
	return got;
}

static int pt_conf_onoff(const char *v, int *out)
{
	if (strcmp(v, "on") == 0)
		*out = 1;
	else if (strcmp(v, "off") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

/* so_keepalive=on|off|[idle]:[intvl]:[cnt] (idle and intvl are times in seconds) */
static int pt_conf_keepalive(const char *v, struct pt_conf_listen *ls)
{
	const char *c1, *c2;

	if (strcmp(v, "on") == 0) {
		ls->so_keepalive = 1;
		return 0;
	}
	if (strcmp(v, "off") == 0) {
		ls->so_keepalive = 2;
		return 0;
	}
	c1 = strchr(v, ':');
	c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (c2 == NULL || strchr(c2 + 1, ':'))
		return -1;
	if (c1 > v) {
		int64_t t = pt_conf_parse_time(v, (size_t)(c1 - v), 1);
		if (t <= 0 || t > 32767)
			return -1;
		ls->keepidle = (int)t;
	}
	if (c2 > c1 + 1) {
		int64_t t = pt_conf_parse_time(c1 + 1, (size_t)(c2 - c1 - 1), 1);
		if (t <= 0 || t > 32767)
			return -1;
		ls->keepintvl = (int)t;
	}
	if (c2[1]) {
		int64_t n = pt_conf_parse_num(c2 + 1, strlen(c2 + 1));
		if (n <= 0 || n > 127)
			return -1;
		ls->keepcnt = (int)n;
	}
	if (!ls->keepidle && !ls->keepintvl && !ls->keepcnt)
		return -1;
	ls->so_keepalive = 1;
	return 0;
}

/* The listen parameters; fills tmpl.  0 ok, -1 reported. */
static int pt_conf_listen_params(struct pt_conf_parser *P, const struct pt_conf_args *a,
                                 struct pt_conf_listen *tmpl)
{
	for (size_t i = 2; i < a->argc; i++) {
		const char *v = a->argv[i];

		if (strcmp(v, "ssl") == 0) {
			tmpl->ssl = 1;
		} else if (strcmp(v, "proxy_protocol") == 0) {
			tmpl->proxy_protocol = 1;
		} else if (strcmp(v, "bind") == 0) {
			tmpl->bind = 1;
		} else if (strcmp(v, "multipath") == 0) {
			tmpl->multipath = 1;
			tmpl->bind = 1;
		} else if (strncmp(v, "ipv6only=o", 10) == 0) {
			if (pt_conf_onoff(v + 9, &tmpl->ipv6only)) {
				pt_conf_error(P, PT_LOG_EMERG, "invalid ipv6only flags \"%s\"", v + 9);
				return -1;
			}
			tmpl->bind = 1;
		} else if (strncmp(v, "backlog=", 8) == 0) {
			int64_t b = pt_conf_parse_num(v + 8, strlen(v + 8));
			if (b <= 0 || b > 0x7fffffff) {
				pt_conf_error(P, PT_LOG_EMERG, "invalid backlog \"%s\"", v);
				return -1;
			}
			tmpl->backlog = (int)b;
			tmpl->bind = 1;
		} else if (strncmp(v, "rcvbuf=", 7) == 0 || strncmp(v, "sndbuf=", 7) == 0) {
			int64_t sz = pt_conf_parse_size(v + 7, strlen(v + 7));
			if (sz < 0 || sz > 0x7fffffff) {
				pt_conf_error(P, PT_LOG_EMERG, "invalid %.6s \"%s\"", v, v);
				return -1;
			}
			if (v[0] == 'r')
				tmpl->rcvbuf = sz;
			else
				tmpl->sndbuf = sz;
			tmpl->bind = 1;
		} else if (strncmp(v, "so_keepalive=", 13) == 0) {
			if (pt_conf_keepalive(v + 13, tmpl)) {
				pt_conf_error(P, PT_LOG_EMERG, "invalid so_keepalive value: \"%s\"", v + 13);
				return -1;
			}
			tmpl->bind = 1;
		} else {
			pt_conf_error(P, PT_LOG_EMERG, "the invalid \"%s\" parameter", v);
			return -1;
		}
	}
	return 0;
}

/* One listener: refused if its address:port is already taken anywhere. */
static int pt_conf_listen_add(struct pt_conf_parser *P, struct pt_conf_server *s,
                              const struct pt_conf_listen *tmpl, const struct pt_addr *addr)
{
	if (P->n_listens >= PT_CONF_LISTEN_MAX) {
		pt_conf_error(P, PT_LOG_EMERG, "too many listening sockets (at most %d)",
		              PT_CONF_LISTEN_MAX);
		return -1;
	}
	for (size_t j = 0; j < P->n_listens; j++) {
		if (pt_conf_addr_eq(&P->listens[j]->addr, addr)) {
			/* nginx skips a repeat inside one directive (a name with
			 * the same address twice); across directives it is an error. */
			if (P->listens[j]->server == s && P->listens[j]->line == P->line &&
			    P->listens[j]->file == P->file)
				return 0;
			pt_conf_error(P, PT_LOG_EMERG, "duplicate \"%s\" address and port pair",
			              addr->text);
			return -1;
		}
	}
	struct pt_conf_listen *ls = pt_conf_arena_alloc(P->arena, sizeof(*ls));
	if (ls == NULL || pt_conf_arena_grow(P->arena, (void **)&P->listens, &P->cap_listens,
	                                     P->n_listens, sizeof(*P->listens)))
		return -1;
	*ls = *tmpl;
	ls->addr = *addr;
	ls->file = P->file;
	ls->line = P->line;
	ls->server = s;
	P->listens[P->n_listens++] = ls;
	s->n_listen++;      /* the server's own list is built when the config is done */

	if (s->protocol == PT_PROTO_NONE && ls->addr.family != 'u')
		s->protocol = pt_conf_port_proto(ls->addr.port);
	return 0;
}

const char *pt_conf_set_listen(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                               const struct pt_conf_args *a)
{
	struct pt_addr addrs[PT_CONF_RESOLVE_MAX];
	struct pt_conf_server *s = P->srv;
	struct pt_conf_listen tmpl;
	const char *err = NULL;
	int n;

	(void)d;
	uint16_t hi;

	n = pt_conf_parse_url_addr(P, a->argv[1], 0, &hi, addrs, PT_CONF_RESOLVE_MAX, &err);
	if (n < 0) {
		pt_conf_error(P, PT_LOG_EMERG, "%s in \"%s\" of the \"listen\" directive", err,
		              a->argv[1]);
		return PT_CONF_FAIL;
	}
	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.addr = addrs[0];
	tmpl.ipv6only = 1;
	tmpl.backlog = -1;
	tmpl.rcvbuf = -1;
	tmpl.sndbuf = -1;
	if (pt_conf_listen_params(P, a, &tmpl))
		return PT_CONF_FAIL;

	for (unsigned port = addrs[0].port; port <= hi; port++) {
		for (int k = 0; k < n; k++) {
			addrs[k].port = (uint16_t)port;
			pt_conf_addr_text(&addrs[k]);
			if (pt_conf_listen_add(P, s, &tmpl, &addrs[k]))
				return PT_CONF_FAIL;
		}
		if (port == 65535)
			break;
	}
	if (tmpl.ssl) {
		s->ssl_file = P->file;
		s->ssl_line = P->line;
		s->ssl_listen = 1;
	}
	return NULL;
}
