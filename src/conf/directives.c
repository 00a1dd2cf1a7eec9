/*
 * directives.c - the table of every directive postern reads, and the
 * generic setters (nginx's ngx_conf_set_*_slot family, same messages).
 *
 * One row per directive: name, contexts, argument count, setter, field
 * kind and offset in struct pt_conf_server, enum words, default.  The
 * generic merge in merge.c walks the same rows, so a directive's default
 * sits next to its parser.  Directives whose meaning is special (listen,
 * auth_http, resolver, error_log, ...) have their own setter and merge.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "conf/conf_int.h"

#define SRV_OFF(f) offsetof(struct pt_conf_server, f)

struct pt_conf_server *pt_conf_server_new(struct pt_conf_parser *P)
{
	struct pt_conf_server *s = pt_conf_arena_alloc(P->arena, sizeof(*s));

	if (s == NULL)
		return NULL;
	/* Unset everywhere: ints -1, masks 0, pointers NULL (arena memory is zeroed). */
	for (size_t k = 0; k < pt_conf_n_dirs; k++) {
		const struct pt_conf_dir *d = &pt_conf_dirs[k];
		void *f = (char *)s + d->off;
		switch (d->kind) {
		case PT_K_FLAG:
		case PT_K_ENUM:
			*(int *)f = PT_UNSET;
			break;
		case PT_K_NUM:
		case PT_K_SIZE:
		case PT_K_MSEC:
		case PT_K_SEC:
			*(int64_t *)f = PT_UNSET;
			break;
		default:
			break;
		}
	}
	s->resolver.set = PT_UNSET;
	s->protocol = PT_PROTO_NONE;
	return s;
}

void *pt_conf_field(struct pt_conf_server *s, const struct pt_conf_dir *d)
{
	return (char *)s + d->off;
}

const void *pt_conf_field_c(const struct pt_conf_server *s, const struct pt_conf_dir *d)
{
	return (const char *)s + d->off;
}

/* The server{} being read, else mail{}. */
struct pt_conf_server *pt_conf_cur(struct pt_conf_parser *P)
{
	return P->ctx == PT_CTX_SRV ? P->srv : P->mail;
}

static struct pt_str pt_conf_str(struct pt_conf_parser *P, const char *p, size_t n)
{
	struct pt_str s = { pt_conf_arena_strdup(P->arena, p, n), n };
	return s;
}

/* ---- generic setters ------------------------------------------------------ */

/* ngx_conf_set_flag_slot: "on" or "off", once. */
const char *pt_conf_set_onoff(struct pt_conf_parser *P, const struct pt_conf_args *a, int *f)
{
	if (*f != PT_UNSET)
		return "is duplicate";
	if (strcasecmp(a->argv[1], "on") == 0)
		*f = 1;
	else if (strcasecmp(a->argv[1], "off") == 0)
		*f = 0;
	else {
		pt_conf_error(P, PT_LOG_EMERG,
		              "invalid value \"%s\" in \"%s\" directive, it must be \"on\" or \"off\"",
		              a->argv[1], a->argv[0]);
		return PT_CONF_FAIL;
	}
	return NULL;
}

static const char *set_flag(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                            const struct pt_conf_args *a)
{
	return pt_conf_set_onoff(P, a, pt_conf_field(pt_conf_cur(P), d));
}

/* ngx_conf_set_num/size/msec/sec_slot: the field kind picks the parser. */
static const char *set_number(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                              const struct pt_conf_args *a)
{
	int64_t *f = pt_conf_field(pt_conf_cur(P), d);

	if (*f != PT_UNSET)
		return "is duplicate";
	switch (d->kind) {
	case PT_K_NUM:
		*f = pt_conf_parse_num(a->argv[1], a->len[1]);
		return *f < 0 ? "invalid number" : NULL;
	case PT_K_SIZE:
		*f = pt_conf_parse_size(a->argv[1], a->len[1]);
		break;
	case PT_K_MSEC:
	case PT_K_SEC:
		*f = pt_conf_parse_time(a->argv[1], a->len[1], d->kind == PT_K_SEC);
		break;
	default:
		return "has a broken table entry";
	}
	return *f < 0 ? "invalid value" : NULL;
}

static const char *set_str(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                           const struct pt_conf_args *a)
{
	struct pt_str *f = pt_conf_field(pt_conf_cur(P), d);

	if (f->p != NULL)
		return "is duplicate";
	*f = pt_conf_str(P, a->argv[1], a->len[1]);
	return NULL;
}

static const char *set_enum(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                            const struct pt_conf_args *a)
{
	int *f = pt_conf_field(pt_conf_cur(P), d);

	if (*f != PT_UNSET)
		return "is duplicate";
	for (const struct pt_conf_enum *e = d->values; e->name; e++) {
		if (strcasecmp(e->name, a->argv[1]) == 0) {
			*f = (int)e->value;
			return NULL;
		}
	}
	pt_conf_error(P, PT_LOG_EMERG, "invalid value \"%s\"", a->argv[1]);
	return PT_CONF_FAIL;
}

static const char *set_mask(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                            const struct pt_conf_args *a)
{
	uint32_t *f = pt_conf_field(pt_conf_cur(P), d);

	/* nginx's bitmask slot: a repeat at the same level adds to the set. */
	for (size_t i = 1; i < a->argc; i++) {
		const struct pt_conf_enum *e;
		for (e = d->values; e->name; e++)
			if (strcasecmp(e->name, a->argv[i]) == 0)
				break;
		if (e->name == NULL) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid value \"%s\"", a->argv[i]);
			return PT_CONF_FAIL;
		}
		if (*f & e->value)
			pt_conf_error(P, PT_LOG_WARN, "duplicate value \"%s\"", a->argv[i]);
		*f |= e->value;
	}
	*f |= PT_MASK_SET;
	return NULL;
}

/* ssl_protocols: a mask, and whether the file named one (postern says
 * once that TLSv1.3 is not there, if it was asked for). */
static const char *set_ssl_protocols(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                     const struct pt_conf_args *a)
{
	const char *r = set_mask(P, d, a);

	if (r == NULL)
		pt_conf_cur(P)->ssl_protocols_given = 1;
	return r;
}

/* ssl_ciphers: the string, and where it was given (merge.c maps it onto
 * postern's suites and names this place in its messages). */
static const char *set_ssl_ciphers(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                   const struct pt_conf_args *a)
{
	const char *r = set_str(P, d, a);

	if (r == NULL) {
		pt_conf_cur(P)->ssl_ciphers_file = P->file;
		pt_conf_cur(P)->ssl_ciphers_line = P->line;
	}
	return r;
}

/* Append to a list: every argument (capabilities) or the one argument of
 * each occurrence (ssl_certificate).  No duplicate check, as nginx. */
static int pt_conf_list_add(struct pt_conf_parser *P, struct pt_strlist *l, const char *p,
                            size_t n)
{
	struct pt_str s = pt_conf_str(P, p, n);

	return s.p ? pt_conf_arena_append(P->arena, (const void **)&l->v, &l->n, &s, sizeof(s)) : -1;
}

static const char *set_list(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                            const struct pt_conf_args *a)
{
	struct pt_strlist *f = pt_conf_field(pt_conf_cur(P), d);

	for (size_t i = 1; i < a->argc; i++)
		if (pt_conf_list_add(P, f, a->argv[i], a->len[i]))
			return PT_CONF_FAIL;
	return NULL;
}

static const char *set_keyval(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                              const struct pt_conf_args *a)
{
	struct pt_conf_hdrlist *f = pt_conf_field(pt_conf_cur(P), d);
	struct pt_conf_header h = { pt_conf_str(P, a->argv[1], a->len[1]),
	                            pt_conf_str(P, a->argv[2], a->len[2]) };

	if (h.name.p == NULL || h.value.p == NULL ||
	    pt_conf_arena_append(P->arena, (const void **)&f->v, &f->n, &h, sizeof(h)))
		return PT_CONF_FAIL;
	return NULL;
}

/* ---- value words ------------------------------------------------------------ */

static const struct pt_conf_enum pt_conf_starttls_words[] = {
	{ "off", PT_STARTTLS_OFF }, { "on", PT_STARTTLS_ON }, { "only", PT_STARTTLS_ONLY },
	{ NULL, 0 }
};
static const struct pt_conf_enum pt_conf_verify_words[] = {
	{ "off", PT_VERIFY_OFF }, { "on", PT_VERIFY_ON }, { "optional", PT_VERIFY_OPTIONAL },
	{ "optional_no_ca", PT_VERIFY_OPTIONAL_NO_CA }, { NULL, 0 }
};
static const struct pt_conf_enum pt_conf_proxy_ssl_words[] = {
	{ "off", PT_PROXY_SSL_OFF }, { "on", PT_PROXY_SSL_ON },
	{ "starttls", PT_PROXY_SSL_STARTTLS }, { NULL, 0 }
};
static const struct pt_conf_enum pt_conf_proxy_protocol_words[] = {
	{ "off", PT_PROXY_PROTOCOL_OFF }, { "on", PT_PROXY_PROTOCOL_ON },
	{ "v2", PT_PROXY_PROTOCOL_V2 }, { NULL, 0 }
};
static const struct pt_conf_enum pt_conf_tls_words[] = {
	{ "SSLv2", PT_TLS_SSLV2 }, { "SSLv3", PT_TLS_SSLV3 }, { "TLSv1", PT_TLS_V1 },
	{ "TLSv1.1", PT_TLS_V1_1 }, { "TLSv1.2", PT_TLS_V1_2 }, { "TLSv1.3", PT_TLS_V1_3 },
	{ NULL, 0 }
};
static const struct pt_conf_enum pt_conf_imap_auth_words[] = {
	{ "plain", PT_AUTH_PLAIN }, { "login", PT_AUTH_LOGIN }, { "cram-md5", PT_AUTH_CRAM_MD5 },
	{ "external", PT_AUTH_EXTERNAL }, { "xoauth2", PT_AUTH_XOAUTH2 },
	{ "oauthbearer", PT_AUTH_OAUTHBEARER }, { NULL, 0 }
};
static const struct pt_conf_enum pt_conf_pop3_auth_words[] = {
	{ "plain", PT_AUTH_PLAIN }, { "apop", PT_AUTH_APOP }, { "cram-md5", PT_AUTH_CRAM_MD5 },
	{ "external", PT_AUTH_EXTERNAL }, { "xoauth2", PT_AUTH_XOAUTH2 },
	{ "oauthbearer", PT_AUTH_OAUTHBEARER }, { NULL, 0 }
};
static const struct pt_conf_enum pt_conf_sieve_auth_words[] = {
	{ "plain", PT_AUTH_PLAIN }, { "login", PT_AUTH_LOGIN }, { NULL, 0 }
};
static const struct pt_conf_enum pt_conf_smtp_auth_words[] = {
	{ "plain", PT_AUTH_PLAIN }, { "login", PT_AUTH_LOGIN }, { "cram-md5", PT_AUTH_CRAM_MD5 },
	{ "external", PT_AUTH_EXTERNAL }, { "none", PT_AUTH_NONE }, { "xoauth2", PT_AUTH_XOAUTH2 },
	{ "oauthbearer", PT_AUTH_OAUTHBEARER }, { NULL, 0 }
};

/* ---- the table ---------------------------------------------------------------- */

#define MS (PT_CTX_MAIL | PT_CTX_SRV)
#define PAGE 4096   /* nginx's "one page" default for client and proxy buffers */

const struct pt_conf_dir pt_conf_dirs[] = {
	/* any level */
	{ "include", PT_CTX_ANY, PT_ARGS_1, pt_conf_set_include, PT_K_NONE, 0, NULL, 0, NULL },

	/* top level of an nginx.conf */
	{ "user", PT_CTX_MAIN, PT_ARGS_12, pt_conf_set_user, PT_K_NONE, 0, NULL, 0, NULL },
	{ "worker_processes", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_worker_processes, PT_K_NONE, 0,
	  NULL, 0, NULL },
	{ "pid", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_pid, PT_K_NONE, 0, NULL, 0, NULL },
	{ "worker_shutdown_timeout", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_shutdown_timeout,
	  PT_K_NONE, 0, NULL, 0, NULL },
	{ "worker_rlimit_nofile", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_rlimit_nofile, PT_K_NONE, 0,
	  NULL, 0, NULL },
	{ "daemon", PT_CTX_MAIN, PT_ARGS_FLAG, pt_conf_set_daemon, PT_K_NONE, 0, NULL, 0, NULL },
	/* nginx's other main-context settings: accepted with a notice, so that a
	 * whole nginx.conf loads; none changes how mail is proxied */
	{ "master_process", PT_CTX_MAIN, PT_ARGS_FLAG, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "pcre_jit", PT_CTX_MAIN, PT_ARGS_FLAG, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0, NULL },
	{ "env", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0, NULL },
	{ "worker_cpu_affinity", PT_CTX_MAIN, PT_ARGS_1MORE, pt_conf_set_ignored, PT_K_NONE, 0, NULL,
	  0, NULL },
	{ "worker_priority", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "worker_rlimit_core", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "working_directory", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "lock_file", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0, NULL },
	{ "timer_resolution", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "thread_pool", PT_CTX_MAIN, PT_ARGS_2 | PT_ARGS_3, pt_conf_set_ignored, PT_K_NONE, 0, NULL,
	  0, NULL },
	{ "debug_points", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0, NULL },
	/* events {} */
	{ "worker_connections", PT_CTX_EVENTS, PT_ARGS_1, pt_conf_set_worker_connections,
	  PT_K_NONE, 0, NULL, 0, NULL },
	{ "use", PT_CTX_EVENTS, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0, NULL },
	{ "multi_accept", PT_CTX_EVENTS, PT_ARGS_FLAG, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "accept_mutex", PT_CTX_EVENTS, PT_ARGS_FLAG, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "accept_mutex_delay", PT_CTX_EVENTS, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL,
	  0, NULL },
	{ "debug_connection", PT_CTX_EVENTS, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "worker_aio_requests", PT_CTX_EVENTS, PT_ARGS_1, pt_conf_set_ignored, PT_K_NONE, 0, NULL,
	  0, NULL },
	{ "error_log", PT_CTX_MAIN | MS, PT_ARGS_1MORE, pt_conf_set_error_log, PT_K_NONE,
	  SRV_OFF(error_log), NULL, 0, NULL },
	{ "load_module", PT_CTX_MAIN, PT_ARGS_1, pt_conf_set_load_module, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "events", PT_CTX_MAIN, PT_ARGS_BLOCK | PT_ARGS_NO, pt_conf_set_events, PT_K_NONE, 0,
	  NULL, 0, NULL },
	{ "http", PT_CTX_MAIN, PT_ARGS_BLOCK | PT_ARGS_NO, pt_conf_set_ignored_block, PT_K_NONE,
	  0, NULL, 0, NULL },
	{ "stream", PT_CTX_MAIN, PT_ARGS_BLOCK | PT_ARGS_NO, pt_conf_set_ignored_block, PT_K_NONE,
	  0, NULL, 0, NULL },
	{ "mail", PT_CTX_MAIN, PT_ARGS_BLOCK | PT_ARGS_NO, pt_conf_set_mail, PT_K_NONE, 0, NULL, 0,
	  NULL },

	/* ngx_mail_core_module */
	{ "server", PT_CTX_MAIL, PT_ARGS_BLOCK | PT_ARGS_NO, pt_conf_set_server, PT_K_NONE, 0,
	  NULL, 0, NULL },
	{ "listen", PT_CTX_SRV, PT_ARGS_1MORE, pt_conf_set_listen, PT_K_NONE, 0, NULL, 0, NULL },
	{ "protocol", PT_CTX_SRV, PT_ARGS_1, pt_conf_set_protocol, PT_K_NONE, 0, NULL, 0, NULL },
	{ "timeout", MS, PT_ARGS_1, set_number, PT_K_MSEC, SRV_OFF(timeout_ms), NULL, 60000, NULL },
	{ "server_name", MS, PT_ARGS_1, set_str, PT_K_STR, SRV_OFF(server_name), NULL, 0, NULL },
	{ "resolver", MS, PT_ARGS_1MORE, pt_conf_set_resolver, PT_K_NONE, SRV_OFF(resolver), NULL,
	  0, NULL },
	{ "resolver_timeout", MS, PT_ARGS_1, set_number, PT_K_MSEC, SRV_OFF(resolver_timeout_ms),
	  NULL, 30000, NULL },
	{ "max_errors", MS, PT_ARGS_1, set_number, PT_K_NUM, SRV_OFF(max_errors), NULL, 5, NULL },

	/* ngx_mail_auth_http_module */
	{ "auth_http", MS, PT_ARGS_1, pt_conf_set_auth_http, PT_K_NONE, SRV_OFF(auth_http), NULL,
	  0, NULL },
	{ "auth_http_timeout", MS, PT_ARGS_1, set_number, PT_K_MSEC, SRV_OFF(auth_http_timeout_ms),
	  NULL, 60000, NULL },
	{ "auth_http_header", MS, PT_ARGS_2, set_keyval, PT_K_KEYVAL, SRV_OFF(auth_http_header),
	  NULL, 0, NULL },
	{ "auth_http_pass_client_cert", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG,
	  SRV_OFF(auth_http_pass_client_cert), NULL, 0, NULL },
	/* postern: keep connections to the auth service open (HTTP/1.1) */
	{ "auth_http_keepalive", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG,
	  SRV_OFF(auth_http_keepalive), NULL, 0, NULL },

	/* postern: auth_file path (in place of auth_http) */
	{ "auth_file", MS, PT_ARGS_1, pt_conf_set_auth_file, PT_K_NONE, SRV_OFF(auth_file), NULL, 0,
	  NULL },

	/* ngx_mail_proxy_module */
	{ "proxy", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG, SRV_OFF(proxy), NULL, 0, NULL },
	{ "proxy_buffer", MS, PT_ARGS_1, set_number, PT_K_SIZE, SRV_OFF(proxy_buffer), NULL, PAGE,
	  NULL },
	{ "proxy_timeout", MS, PT_ARGS_1, set_number, PT_K_MSEC, SRV_OFF(proxy_timeout_ms), NULL,
	  24 * 60 * 60 * 1000, NULL },
	{ "proxy_pass_error_message", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG,
	  SRV_OFF(proxy_pass_error_message), NULL, 0, NULL },
	{ "xclient", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG, SRV_OFF(xclient), NULL, 1, NULL },
	{ "proxy_smtp_auth", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG, SRV_OFF(proxy_smtp_auth), NULL,
	  0, NULL },
	/* postern: the client's IMAP ID and its address to the backend (Dovecot) */
	{ "proxy_imap_id", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG, SRV_OFF(proxy_imap_id), NULL, 0,
	  NULL },
	{ "proxy_protocol", MS, PT_ARGS_1, set_enum, PT_K_ENUM, SRV_OFF(proxy_protocol),
	  pt_conf_proxy_protocol_words, PT_PROXY_PROTOCOL_OFF, NULL },
	/* TLS toward the backend: postern extension, named as nginx's stream proxy_ssl_* */
	{ "proxy_ssl", MS, PT_ARGS_1, set_enum, PT_K_ENUM, SRV_OFF(proxy_ssl),
	  pt_conf_proxy_ssl_words, PT_PROXY_SSL_OFF, NULL },
	{ "proxy_ssl_verify", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG, SRV_OFF(proxy_ssl_verify), NULL,
	  0, NULL },
	{ "proxy_ssl_trusted_certificate", MS, PT_ARGS_1, set_str, PT_K_STR,
	  SRV_OFF(proxy_ssl_trusted_certificate), NULL, 0, NULL },
	{ "proxy_ssl_name", MS, PT_ARGS_1, set_str, PT_K_STR, SRV_OFF(proxy_ssl_name), NULL, 0, NULL },
	{ "proxy_ssl_server_name", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG,
	  SRV_OFF(proxy_ssl_server_name), NULL, 0, NULL },

	/* ngx_mail_realip_module */
	{ "set_real_ip_from", MS, PT_ARGS_1, pt_conf_set_real_ip_from, PT_K_NONE,
	  SRV_OFF(set_real_ip_from), NULL, 0, NULL },

	/* postern: access_log path [format=text|json] | off */
	{ "access_log", MS, PT_ARGS_12, pt_conf_set_access_log, PT_K_NONE, 0, NULL, 0, NULL },
	/* postern: allow/deny, as ngx_stream_access_module */
	{ "allow", MS, PT_ARGS_1, pt_conf_set_access, PT_K_NONE, SRV_OFF(access), NULL, 0, NULL },
	{ "deny", MS, PT_ARGS_1, pt_conf_set_access, PT_K_NONE, SRV_OFF(access), NULL, 0, NULL },

	/* postern: the metrics listener and the limits counted across workers
	 * (directives_limits.c) */
	{ "status_listen", PT_CTX_MAIL, PT_ARGS_1, pt_conf_set_status_listen, PT_K_NONE, 0, NULL, 0,
	  NULL },
	{ "limit_zone_size", PT_CTX_MAIL, PT_ARGS_1, pt_conf_set_limit_zone_size, PT_K_NONE, 0, NULL,
	  0, NULL },
	{ "limit_conn_per_ip", MS, PT_ARGS_1, pt_conf_set_limit_conn, PT_K_NUM,
	  SRV_OFF(limit_conn_per_ip), NULL, 0, NULL },
	{ "limit_conn_per_server", MS, PT_ARGS_1, pt_conf_set_limit_conn, PT_K_NUM,
	  SRV_OFF(limit_conn_per_server), NULL, 0, NULL },
	{ "limit_login_per_ip", MS, PT_ARGS_12, pt_conf_set_limit_login, PT_K_NUM,
	  SRV_OFF(limit_login_per_ip), NULL, 0, NULL },
	{ "limit_login_per_user", MS, PT_ARGS_12, pt_conf_set_limit_login, PT_K_NUM,
	  SRV_OFF(limit_login_per_user), NULL, 0, NULL },

	/* ngx_mail_ssl_module */
	{ "starttls", MS, PT_ARGS_1, pt_conf_set_starttls, PT_K_ENUM, SRV_OFF(starttls),
	  pt_conf_starttls_words, PT_STARTTLS_OFF, NULL },
	{ "ssl_certificate", MS, PT_ARGS_1, set_list, PT_K_LIST, SRV_OFF(ssl_certificate), NULL, 0,
	  NULL },
	{ "ssl_certificate_key", MS, PT_ARGS_1, set_list, PT_K_LIST, SRV_OFF(ssl_certificate_key),
	  NULL, 0, NULL },
	{ "ssl_password_file", MS, PT_ARGS_1, set_str, PT_K_STR, SRV_OFF(ssl_password_file), NULL,
	  0, NULL },
	{ "ssl_certificate_compression", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG,
	  SRV_OFF(ssl_certificate_compression), NULL, 0, NULL },
	{ "ssl_dhparam", MS, PT_ARGS_1, set_str, PT_K_STR, SRV_OFF(ssl_dhparam), NULL, 0, NULL },
	{ "ssl_ecdh_curve", MS, PT_ARGS_1, set_str, PT_K_STR, SRV_OFF(ssl_ecdh_curve), NULL, 0,
	  "auto" },
	{ "ssl_protocols", MS, PT_ARGS_1MORE, set_ssl_protocols, PT_K_MASK, SRV_OFF(ssl_protocols),
	  pt_conf_tls_words, PT_TLS_V1_2 | PT_TLS_V1_3, NULL },
	{ "ssl_ciphers", MS, PT_ARGS_1, set_ssl_ciphers, PT_K_STR, SRV_OFF(ssl_ciphers), NULL, 0,
	  "HIGH:!aNULL:!MD5" },
	{ "ssl_prefer_server_ciphers", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG,
	  SRV_OFF(ssl_prefer_server_ciphers), NULL, 0, NULL },
	{ "ssl_session_cache", MS, PT_ARGS_12, pt_conf_set_session_cache, PT_K_LIST,
	  SRV_OFF(ssl_session_cache), NULL, 0, "none" },
	{ "ssl_session_tickets", MS, PT_ARGS_FLAG, set_flag, PT_K_FLAG,
	  SRV_OFF(ssl_session_tickets), NULL, 1, NULL },
	{ "ssl_session_ticket_key", MS, PT_ARGS_1, set_list, PT_K_LIST,
	  SRV_OFF(ssl_session_ticket_key), NULL, 0, NULL },
	{ "ssl_session_timeout", MS, PT_ARGS_1, set_number, PT_K_SEC,
	  SRV_OFF(ssl_session_timeout_sec), NULL, 300, NULL },
	{ "ssl_verify_client", MS, PT_ARGS_1, set_enum, PT_K_ENUM, SRV_OFF(ssl_verify_client),
	  pt_conf_verify_words, PT_VERIFY_OFF, NULL },
	{ "ssl_verify_depth", MS, PT_ARGS_1, set_number, PT_K_NUM, SRV_OFF(ssl_verify_depth), NULL, 1,
	  NULL },
	{ "ssl_client_certificate", MS, PT_ARGS_1, set_str, PT_K_STR,
	  SRV_OFF(ssl_client_certificate), NULL, 0, NULL },
	{ "ssl_trusted_certificate", MS, PT_ARGS_1, set_str, PT_K_STR,
	  SRV_OFF(ssl_trusted_certificate), NULL, 0, NULL },
	{ "ssl_crl", MS, PT_ARGS_1, set_str, PT_K_STR, SRV_OFF(ssl_crl), NULL, 0, NULL },
	{ "ssl_conf_command", MS, PT_ARGS_2, set_keyval, PT_K_KEYVAL, SRV_OFF(ssl_conf_command),
	  NULL, 0, NULL },

	/* ngx_mail_imap_module */
	{ "imap_client_buffer", MS, PT_ARGS_1, set_number, PT_K_SIZE, SRV_OFF(imap_client_buffer),
	  NULL, PAGE, NULL },
	{ "imap_capabilities", MS, PT_ARGS_1MORE, set_list, PT_K_LIST,
	  SRV_OFF(imap_capabilities), NULL, 0, "IMAP4 IMAP4rev1 UIDPLUS" },
	{ "imap_auth", MS, PT_ARGS_1MORE, set_mask, PT_K_MASK, SRV_OFF(imap_auth),
	  pt_conf_imap_auth_words, PT_AUTH_PLAIN, NULL },

	/* ngx_mail_pop3_module */
	{ "pop3_capabilities", MS, PT_ARGS_1MORE, set_list, PT_K_LIST,
	  SRV_OFF(pop3_capabilities), NULL, 0, "TOP USER UIDL" },
	/* postern extension: nginx's POP3 buffer is a fixed 128 bytes, too
	 * small for long OAuth tokens */
	{ "pop3_client_buffer", MS, PT_ARGS_1, set_number, PT_K_SIZE, SRV_OFF(pop3_client_buffer),
	  NULL, 128, NULL },
	{ "pop3_auth", MS, PT_ARGS_1MORE, set_mask, PT_K_MASK, SRV_OFF(pop3_auth),
	  pt_conf_pop3_auth_words, PT_AUTH_PLAIN, NULL },

	/* ngx_mail_smtp_module */
	{ "smtp_client_buffer", MS, PT_ARGS_1, set_number, PT_K_SIZE, SRV_OFF(smtp_client_buffer),
	  NULL, PAGE, NULL },
	{ "smtp_greeting_delay", MS, PT_ARGS_1, set_number, PT_K_MSEC,
	  SRV_OFF(smtp_greeting_delay_ms), NULL, 0, NULL },
	{ "smtp_capabilities", MS, PT_ARGS_1MORE, set_list, PT_K_LIST,
	  SRV_OFF(smtp_capabilities), NULL, 0, NULL },
	{ "smtp_auth", MS, PT_ARGS_1MORE, set_mask, PT_K_MASK, SRV_OFF(smtp_auth),
	  pt_conf_smtp_auth_words, PT_AUTH_PLAIN | PT_AUTH_LOGIN, NULL },

	/* postern extension: ManageSieve (RFC 5804), directives as pop3_*.
	 * sieve_capabilities: each argument is one capability line as sent,
	 * e.g. '"SIEVE" "fileinto vacation"' (none: core/sieve.c's default). */
	{ "sieve_client_buffer", MS, PT_ARGS_1, set_number, PT_K_SIZE,
	  SRV_OFF(sieve_client_buffer), NULL, PAGE, NULL },
	{ "sieve_capabilities", MS, PT_ARGS_1MORE, set_list, PT_K_LIST,
	  SRV_OFF(sieve_capabilities), NULL, 0, NULL },
	{ "sieve_auth", MS, PT_ARGS_1MORE, set_mask, PT_K_MASK, SRV_OFF(sieve_auth),
	  pt_conf_sieve_auth_words, PT_AUTH_PLAIN, NULL },
};

const size_t pt_conf_n_dirs = sizeof(pt_conf_dirs) / sizeof(pt_conf_dirs[0]);
