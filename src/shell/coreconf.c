/*
 * coreconf.c - see coreconf.h.  Pure mapping, no I/O: the fuzz targets and
 * the transcript runner link it too.
 */
#include <stdlib.h>
#include <string.h>

#include "shell/coreconf.h"

static struct pt_core_bytes pt_cb(struct pt_str s)
{
	struct pt_core_bytes b = { s.p, s.len };
	return b;
}

static uint32_t pt_coreconf_methods(uint32_t conf_bits)
{
	static const struct { uint32_t from, to; } map[] = {
		{ PT_AUTH_PLAIN, PT_CORE_AUTH_PLAIN }, { PT_AUTH_LOGIN, PT_CORE_AUTH_LOGIN },
		{ PT_AUTH_APOP, PT_CORE_AUTH_APOP }, { PT_AUTH_CRAM_MD5, PT_CORE_AUTH_CRAM_MD5 },
		{ PT_AUTH_EXTERNAL, PT_CORE_AUTH_EXTERNAL }, { PT_AUTH_NONE, PT_CORE_AUTH_NONE },
		{ PT_AUTH_XOAUTH2, PT_CORE_AUTH_XOAUTH2 },
		{ PT_AUTH_OAUTHBEARER, PT_CORE_AUTH_OAUTHBEARER },
	};
	uint32_t out = 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (conf_bits & map[i].from)
			out |= map[i].to;
	return out;
}

int pt_coreconf_build(struct pt_coreconf *cc, const struct pt_conf_server *srv)
{
	struct pt_core_conf *c = &cc->core;
	const struct pt_strlist *caps;

	memset(cc, 0, sizeof(*cc));
	switch (srv->protocol) {
	case PT_PROTO_POP3:
		c->proto = PT_CORE_POP3;
		c->client_buffer = (size_t)srv->pop3_client_buffer;
		c->auth_methods = pt_coreconf_methods(srv->pop3_auth);
		caps = &srv->pop3_capabilities;
		break;
	case PT_PROTO_SMTP:
		c->proto = PT_CORE_SMTP;
		c->client_buffer = (size_t)srv->smtp_client_buffer;
		c->auth_methods = pt_coreconf_methods(srv->smtp_auth);
		caps = &srv->smtp_capabilities;
		break;
	case PT_PROTO_SIEVE:
		c->proto = PT_CORE_SIEVE;
		c->client_buffer = (size_t)srv->sieve_client_buffer;
		c->auth_methods = pt_coreconf_methods(srv->sieve_auth);
		caps = &srv->sieve_capabilities;
		break;
	case PT_PROTO_IMAP:
	default:
		c->proto = PT_CORE_IMAP;
		c->client_buffer = (size_t)srv->imap_client_buffer;
		c->auth_methods = pt_coreconf_methods(srv->imap_auth);
		caps = &srv->imap_capabilities;
		break;
	}
	c->server_name = pt_cb(srv->server_name);
	c->timeout_ms = (uint64_t)srv->timeout_ms;
	c->auth_http_timeout_ms = (uint64_t)srv->auth_http_timeout_ms;
	c->max_errors = (uint64_t)srv->max_errors;
	c->proxy_buffer = (size_t)srv->proxy_buffer;
	c->starttls = srv->starttls;
	c->auth_host = pt_cb(srv->auth_http.host);
	c->proxy_pass_error_message = srv->proxy_pass_error_message;
	c->resolver = srv->resolver.set == 1;
	c->greeting_delay_ms = (uint64_t)srv->smtp_greeting_delay_ms;
	c->xclient = srv->xclient;
	c->proxy_imap_id = srv->proxy_imap_id;
	c->proxy_smtp_auth = srv->proxy_smtp_auth;
	c->backend_starttls = srv->proxy_ssl == PT_PROXY_SSL_STARTTLS;
	for (size_t i = 0; i < srv->n_listen; i++)
		c->proxy_protocol |= srv->listen[i]->proxy_protocol;
	/* PT_VERIFY_* and PT_CORE_VERIFY_* agree; without TLS there is nothing to check */
	if (pt_conf_server_tls(srv)) {
		c->verify_client = srv->ssl_verify_client;
		c->pass_client_cert = srv->auth_http_pass_client_cert;
	}

	cc->caps = calloc(caps->n + 1, sizeof(*cc->caps));
	cc->headers = calloc(srv->auth_http_header.n + 1, sizeof(*cc->headers));
	if (cc->caps == NULL || cc->headers == NULL) {
		pt_coreconf_free(cc);
		return -1;
	}
	for (size_t i = 0; i < caps->n; i++)
		cc->caps[i] = pt_cb(caps->v[i]);
	c->capabilities = cc->caps;
	c->n_capabilities = caps->n;
	for (size_t i = 0; i < srv->auth_http_header.n; i++) {
		cc->headers[i].name = pt_cb(srv->auth_http_header.v[i].name);
		cc->headers[i].value = pt_cb(srv->auth_http_header.v[i].value);
	}
	c->auth_headers = cc->headers;
	c->n_auth_headers = srv->auth_http_header.n;
	return 0;
}

void pt_coreconf_free(struct pt_coreconf *cc)
{
	free(cc->caps);
	free(cc->headers);
	cc->caps = NULL;
	cc->headers = NULL;
}

_Static_assert(PT_VERIFY_OFF == PT_CORE_VERIFY_OFF && PT_VERIFY_ON == PT_CORE_VERIFY_ON &&
               PT_VERIFY_OPTIONAL == PT_CORE_VERIFY_OPTIONAL &&
               PT_VERIFY_OPTIONAL_NO_CA == PT_CORE_VERIFY_OPTIONAL_NO_CA,
               "ssl_verify_client values shared by conf and core");
