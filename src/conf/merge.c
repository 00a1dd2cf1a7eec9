/*
 * merge.c - when mail{} ends: fill every server from mail level and the
 * defaults, then run nginx's post-parse checks.
 *
 * nginx merges module by module, and each module over all servers
 * (ngx_mail_merge_servers), so the first failing check is the one of the
 * earliest module: core (protocol), ssl (certificates), imap, pop3, smtp,
 * auth_http (auth_http required), proxy, realip.  This file keeps that
 * order so the same config gives the same first error.
 */
#include <string.h>

#include "conf/conf_int.h"

/* A space-separated default list into the arena. */
static struct pt_strlist pt_conf_split(struct pt_conf_parser *P, const char *s)
{
	struct pt_strlist l = { NULL, 0 };
	struct pt_str *v;
	size_t n = 1;

	for (const char *c = s; *c; c++)
		n += *c == ' ';
	v = pt_conf_arena_alloc(P->arena, n * sizeof(*v));
	if (v == NULL)
		return l;
	while (*s) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		v[l.n].p = pt_conf_arena_strdup(P->arena, s, len);
		v[l.n].len = len;
		l.n++;
		s += len + (e != NULL);
	}
	l.v = v;
	return l;
}

/* nginx's ngx_conf_merge_*_value for one table row. */
static void pt_conf_merge_dir(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                              struct pt_conf_server *s, const struct pt_conf_server *m)
{
	void *f = pt_conf_field(s, d);
	const void *mf = pt_conf_field_c(m, d);

	switch (d->kind) {
	case PT_K_FLAG:
	case PT_K_ENUM: {
		int *v = f;
		if (*v == PT_UNSET)
			*v = *(const int *)mf;
		if (*v == PT_UNSET)
			*v = (int)d->def;
		break;
	}
	case PT_K_NUM:
	case PT_K_SIZE:
	case PT_K_MSEC:
	case PT_K_SEC: {
		int64_t *v = f;
		if (*v == PT_UNSET)
			*v = *(const int64_t *)mf;
		if (*v == PT_UNSET)
			*v = d->def;
		break;
	}
	case PT_K_MASK: {
		uint32_t *v = f;
		if (!(*v & PT_MASK_SET))
			*v = *(const uint32_t *)mf;
		if (!(*v & PT_MASK_SET))
			*v = (uint32_t)d->def | PT_MASK_SET;
		break;
	}
	case PT_K_STR: {
		struct pt_str *v = f;
		if (v->p == NULL)
			*v = *(const struct pt_str *)mf;
		if (v->p == NULL && d->def_str) {
			v->p = d->def_str;
			v->len = strlen(d->def_str);
		}
		break;
	}
	case PT_K_LIST: {
		struct pt_strlist *v = f;
		if (v->v == NULL)
			*v = *(const struct pt_strlist *)mf;
		if (v->v == NULL && d->def_str)
			*v = pt_conf_split(P, d->def_str);
		break;
	}
	case PT_K_KEYVAL: {
		struct pt_conf_hdrlist *v = f;
		if (v->v == NULL)
			*v = *(const struct pt_conf_hdrlist *)mf;
		break;
	}
	case PT_K_NONE:
	default:
		break;
	}
}

static void pt_conf_merge_special(struct pt_conf_parser *P, struct pt_conf_server *s,
                                  const struct pt_conf_server *m)
{
	if (s->server_name.p == NULL)
		s->server_name = m->server_name;
	if (s->server_name.p == NULL || s->server_name.len == 0) {
		const char *h = P->io->hostname ? P->io->hostname : "localhost";
		s->server_name.p = h;
		s->server_name.len = strlen(h);
	}
	if (s->error_log.v == NULL)
		s->error_log = m->error_log;
	if (s->resolver.set == PT_UNSET)
		s->resolver = m->resolver;
	if (s->resolver.set == PT_UNSET)
		s->resolver.set = 0;
	/* auth_http and auth_file (postern) answer the same question: a
	 * server that names either inherits neither from mail{}. */
	if (s->auth_http.url.p == NULL && s->auth_file.path.p == NULL) {
		s->auth_http = m->auth_http;
		s->auth_file = m->auth_file;
	}
	if (!s->ssl_protocols_given)
		s->ssl_protocols_given = m->ssl_protocols_given;
	if (s->ssl_ciphers_line == 0) {
		s->ssl_ciphers_file = m->ssl_ciphers_file;
		s->ssl_ciphers_line = m->ssl_ciphers_line;
	}
	if (s->set_real_ip_from.v == NULL)
		s->set_real_ip_from = m->set_real_ip_from;
	if (s->access.v == NULL)
		s->access = m->access;
	if (!s->access_log_set) {
		s->access_log = m->access_log;
		s->access_log_json = m->access_log_json;
	}
	if (s->ssl_file == NULL && !s->ssl_listen) {
		s->ssl_file = m->ssl_file;
		s->ssl_line = m->ssl_line;
	}
}

/* Keep only the value bits of the masks once merged. */
static void pt_conf_clear_masks(struct pt_conf_server *s)
{
	for (size_t k = 0; k < pt_conf_n_dirs; k++) {
		const struct pt_conf_dir *d = &pt_conf_dirs[k];
		if (d->kind == PT_K_MASK)
			*(uint32_t *)pt_conf_field(s, d) &= ~PT_MASK_SET;
	}
}

static int pt_conf_check_ssl(struct pt_conf_parser *P, struct pt_conf_server *s)
{
	const char *mode;

	if (s->ssl_listen)
		mode = "listen ... ssl";
	else if (s->starttls != PT_STARTTLS_OFF)
		mode = "starttls";
	else
		return 0;
	if (s->ssl_certificate.n == 0) {
		pt_conf_error_at(P, PT_LOG_EMERG, s->ssl_file, s->ssl_line,
		                 "no \"ssl_certificate\" is defined for the \"%s\" directive", mode);
		return -1;
	}
	if (s->ssl_certificate_key.n == 0) {
		pt_conf_error_at(P, PT_LOG_EMERG, s->ssl_file, s->ssl_line,
		                 "no \"ssl_certificate_key\" is defined for the \"%s\" directive", mode);
		return -1;
	}
	if (s->ssl_certificate_key.n < s->ssl_certificate.n) {
		/* nginx names the last certificate. */
		pt_conf_error_at(P, PT_LOG_EMERG, s->ssl_file, s->ssl_line,
		                 "no \"ssl_certificate_key\" is defined for certificate \"%s\" "
		                 "and the \"%s\" directive",
		                 s->ssl_certificate.v[s->ssl_certificate.n - 1].p, mode);
		return -1;
	}
	if (s->ssl_verify_client != PT_VERIFY_OFF &&
	    s->ssl_verify_client != PT_VERIFY_OPTIONAL_NO_CA &&
	    s->ssl_client_certificate.p == NULL && s->ssl_trusted_certificate.p == NULL) {
		/* nginx gives this one no location. */
		pt_conf_error_at(P, PT_LOG_EMERG, NULL, 0,
		                 "no ssl_client_certificate or ssl_trusted_certificate for "
		                 "ssl_verify_client");
		return -1;
	}
	return 0;
}

int pt_conf_check_mail(struct pt_conf_parser *P)
{
	const struct pt_conf_server *m = P->mail;

	/* Every value first (no check depends on another module's merge). */
	for (size_t i = 0; i < P->n_servers; i++) {
		struct pt_conf_server *s = P->servers[i];
		for (size_t k = 0; k < pt_conf_n_dirs; k++)
			pt_conf_merge_dir(P, &pt_conf_dirs[k], s, m);
		pt_conf_merge_special(P, s, m);
	}

	/* ngx_mail_core_module */
	for (size_t i = 0; i < P->n_servers; i++) {
		const struct pt_conf_server *s = P->servers[i];
		if (s->protocol == PT_PROTO_NONE) {
			pt_conf_error_at(P, PT_LOG_EMERG, s->file, s->line,
			                 "unknown mail protocol for server");
			return -1;
		}
	}
	/* ngx_mail_ssl_module: certificates, then ciphers, server by server */
	for (size_t i = 0; i < P->n_servers; i++)
		if (pt_conf_check_ssl(P, P->servers[i]) || pt_conf_check_ciphers(P, i))
			return -1;
	/* ngx_mail_auth_http_module */
	for (size_t i = 0; i < P->n_servers; i++) {
		const struct pt_conf_server *s = P->servers[i];
		if (s->auth_http.url.p != NULL && s->auth_file.path.p != NULL) {
			pt_conf_error_at(P, PT_LOG_EMERG, s->file, s->line,
			                 "both \"auth_http\" and \"auth_file\" are defined for server");
			return -1;
		}
		if (s->auth_http.url.p == NULL && s->auth_file.path.p == NULL) {
			pt_conf_error_at(P, PT_LOG_EMERG, s->file, s->line,
			                 "no \"auth_http\" is defined for server");
			return -1;
		}
	}
	/* proxy_ssl (postern extension), as nginx's stream module checks it */
	for (size_t i = 0; i < P->n_servers; i++) {
		const struct pt_conf_server *s = P->servers[i];
		if (s->proxy_ssl != PT_PROXY_SSL_OFF && s->proxy_ssl_verify &&
		    s->proxy_ssl_trusted_certificate.p == NULL) {
			pt_conf_error_at(P, PT_LOG_EMERG, s->file, s->line,
			                 "no proxy_ssl_trusted_certificate for proxy_ssl_verify");
			return -1;
		}
	}
	for (size_t i = 0; i < P->n_servers; i++)
		pt_conf_clear_masks(P->servers[i]);
	return 0;
}

/* After the whole file: hand the merged servers to the conf. */
int pt_conf_finish(struct pt_conf_parser *P)
{
	struct pt_conf *c = P->conf;
	struct pt_conf_server *sv;
	struct pt_conf_listen *lv;

	if (!c->has_mail) {
		pt_conf_error_at(P, PT_LOG_EMERG, NULL, 0, "no \"mail\" section in configuration");
		return -1;
	}
	sv = pt_conf_arena_alloc(P->arena, (P->n_servers + 1) * sizeof(*sv));
	lv = pt_conf_arena_alloc(P->arena, (P->n_listens + 1) * sizeof(*lv));
	if (sv == NULL || lv == NULL)
		return -1;
	/* Copy servers, then point listens (and servers' listen lists) at the copies. */
	for (size_t i = 0; i < P->n_servers; i++)
		sv[i] = *P->servers[i];
	for (size_t j = 0; j < P->n_listens; j++) {
		lv[j] = *P->listens[j];
		for (size_t i = 0; i < P->n_servers; i++)
			if (P->listens[j]->server == P->servers[i])
				lv[j].server = &sv[i];
	}
	for (size_t i = 0; i < P->n_servers; i++) {
		const struct pt_conf_listen **v =
			pt_conf_arena_alloc(P->arena, (sv[i].n_listen + 1) * sizeof(*v));
		size_t n = 0;
		if (v == NULL)
			return -1;
		for (size_t j = 0; j < P->n_listens; j++)
			if (lv[j].server == &sv[i])
				v[n++] = &lv[j];
		sv[i].listen = v;
		sv[i].n_listen = n;
	}
	c->servers = sv;
	c->n_servers = P->n_servers;
	c->listens = lv;
	c->n_listens = P->n_listens;
	c->files = P->files;
	c->n_files = P->n_files;
	if (c->worker_processes == PT_UNSET)
		c->worker_processes = 1;
	if (c->worker_connections == PT_UNSET)
		c->worker_connections = 512;        /* nginx's default */
	if (c->worker_shutdown_timeout_ms == PT_UNSET)
		c->worker_shutdown_timeout_ms = 0;
	if (c->worker_rlimit_nofile == PT_UNSET)
		c->worker_rlimit_nofile = 0;
	if (c->daemon == PT_UNSET)
		c->daemon = 1;              /* nginx's default */
	return 0;
}
