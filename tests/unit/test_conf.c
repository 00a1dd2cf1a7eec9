/*
 * Unit tests of src/conf: values, defaults, inheritance, listen, auth_http,
 * includes.  Files live in memory (struct pt_conf_io), so nothing here
 * touches the disk.
 */
#include <fnmatch.h>
#include <stdlib.h>

#include "pt_test.h"
#include "conf/conf.h"
#include "conf/conf_int.h"

struct memfs {
	struct pt_conf_io io;
	const char *names[8];
	const char *texts[8];
	int n;
	char msgs[4096];
	size_t mlen;
	int emerg;
};

static int mem_read(void *ctx, const char *path, const char **data, size_t *len)
{
	struct memfs *m = ctx;

	for (int i = 0; i < m->n; i++) {
		if (strcmp(m->names[i], path) == 0) {
			*data = m->texts[i];
			*len = strlen(m->texts[i]);
			return 0;
		}
	}
	return 2;
}

static int mem_glob(void *ctx, const char *pat, int (*add)(void *, const char *), void *actx)
{
	struct memfs *m = ctx;
	const char *sorted[8];
	int n = 0;

	for (int i = 0; i < m->n; i++)
		if (fnmatch(pat, m->names[i], FNM_PATHNAME) == 0)
			sorted[n++] = m->names[i];
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && strcmp(sorted[k - 1], sorted[k]) > 0; k--) {
			const char *t = sorted[k];
			sorted[k] = sorted[k - 1];
			sorted[k - 1] = t;
		}
	for (int i = 0; i < n; i++)
		if (add(actx, sorted[i]))
			return 12;
	return 0;
}

static int mem_resolve(void *ctx, const char *host, struct pt_addr *out, int max)
{
	(void)ctx;
	if (strcmp(host, "auth.local") == 0 && max >= 1) {
		memset(out, 0, sizeof(*out));
		out->family = 4;
		out->ip[0] = 10;
		out->ip[3] = 1;
		return 1;
	}
	return 0;
}

static void mem_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	struct memfs *m = ctx;
	int n = snprintf(m->msgs + m->mlen, sizeof(m->msgs) - m->mlen, "[%s] %s\n",
	                 pt_log_level_name(lvl), text);
	if (n > 0 && (size_t)n < sizeof(m->msgs) - m->mlen)
		m->mlen += (size_t)n;
	if (lvl <= PT_LOG_ERR)
		m->emerg++;
}

static struct memfs fs;

static void fs_reset(void)
{
	memset(&fs, 0, sizeof(fs));
	fs.io.ctx = &fs;
	fs.io.read_file = mem_read;
	fs.io.glob = mem_glob;
	fs.io.resolve = mem_resolve;
	fs.io.msg = mem_msg;
	fs.io.prefix = "/pre/";
	fs.io.conf_prefix = "/etc/p/";
	fs.io.hostname = "host.example";
}

static void fs_add(const char *name, const char *text)
{
	fs.names[fs.n] = name;
	fs.texts[fs.n] = text;
	fs.n++;
}

static struct pt_conf *load(const char *text)
{
	fs_reset();
	fs_add("/etc/p/main.conf", text);
	return pt_conf_load(&fs.io, "/etc/p/main.conf");
}

static int list_is(const struct pt_strlist *l, const char *joined)
{
	char buf[512];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		int n = snprintf(buf + off, sizeof(buf) - off, "%s%s", i ? "|" : "", l->v[i].p);
		if (n < 0 || (size_t)n >= sizeof(buf) - off)
			return 0;
		off += (size_t)n;
	}
	if (strcmp(buf, joined) != 0) {
		printf("    list is \"%s\", want \"%s\"\n", buf, joined);
		return 0;
	}
	return 1;
}

PT_TEST(conf_values_time)
{
	PT_CHECK_EQ(pt_conf_parse_time("60s", 3, 0), 60000);
	PT_CHECK_EQ(pt_conf_parse_time("60", 2, 0), 60000);
	PT_CHECK_EQ(pt_conf_parse_time("500ms", 5, 0), 500);
	PT_CHECK_EQ(pt_conf_parse_time("1h30m", 5, 0), 5400000);
	PT_CHECK_EQ(pt_conf_parse_time("1s500ms", 7, 0), 1500);
	PT_CHECK_EQ(pt_conf_parse_time("1h  30m", 7, 0), 5400000);
	PT_CHECK_EQ(pt_conf_parse_time("5 6", 3, 1), 11);   /* nginx quirk, kept */
	PT_CHECK_EQ(pt_conf_parse_time("5 6 7", 5, 1), -1);
	PT_CHECK_EQ(pt_conf_parse_time("2w", 2, 1), 14 * 86400);
	PT_CHECK_EQ(pt_conf_parse_time("1y", 2, 1), 365 * 86400);
	PT_CHECK_EQ(pt_conf_parse_time("1M", 2, 1), 30 * 86400);
	PT_CHECK_EQ(pt_conf_parse_time("1y", 2, 0), -1);    /* msec parser starts at month */
	PT_CHECK_EQ(pt_conf_parse_time("1M", 2, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("1ms", 3, 1), -1);
	PT_CHECK_EQ(pt_conf_parse_time("30m1h", 5, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("1d1d", 4, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("1H", 2, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("", 0, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("s", 1, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("-1", 2, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("0", 1, 0), 0);
	PT_CHECK_EQ(pt_conf_parse_time("99999999999999999999", 20, 0), -1);
	PT_CHECK_EQ(pt_conf_parse_time("9223372036854775s", 17, 0), 9223372036854775000LL);
	PT_CHECK_EQ(pt_conf_parse_time("9223372036854776s", 17, 0), -1);
}

PT_TEST(conf_values_size_num)
{
	PT_CHECK_EQ(pt_conf_parse_size("4096", 4), 4096);
	PT_CHECK_EQ(pt_conf_parse_size("16k", 3), 16384);
	PT_CHECK_EQ(pt_conf_parse_size("16K", 3), 16384);
	PT_CHECK_EQ(pt_conf_parse_size("2M", 2), 2 * 1024 * 1024);
	PT_CHECK_EQ(pt_conf_parse_size("1g", 2), -1);
	PT_CHECK_EQ(pt_conf_parse_size("k", 1), -1);
	PT_CHECK_EQ(pt_conf_parse_size("", 0), -1);
	PT_CHECK_EQ(pt_conf_parse_size("0", 1), 0);
	PT_CHECK_EQ(pt_conf_parse_size("99999999999999999999k", 21), -1);
	PT_CHECK_EQ(pt_conf_parse_size("9007199254740992k", 17), -1);
	PT_CHECK_EQ(pt_conf_parse_num("5", 1), 5);
	PT_CHECK_EQ(pt_conf_parse_num("+5", 2), -1);
	PT_CHECK_EQ(pt_conf_parse_num("5x", 2), -1);
}

PT_TEST(conf_defaults)
{
	struct pt_conf *c = load("mail { auth_http 127.0.0.1; server { listen 143; } }");

	PT_CHECK(c != NULL);
	if (c == NULL)
		return;
	PT_CHECK_EQ(c->n_servers, 1);
	const struct pt_conf_server *s = &c->servers[0];
	PT_CHECK_EQ(s->protocol, PT_PROTO_IMAP);
	PT_CHECK_STR(s->server_name.p, "host.example");
	PT_CHECK_EQ(s->timeout_ms, 60000);
	PT_CHECK_EQ(s->resolver_timeout_ms, 30000);
	PT_CHECK_EQ(s->max_errors, 5);
	PT_CHECK_EQ(s->resolver.set, 0);
	PT_CHECK_EQ(s->auth_http_timeout_ms, 60000);
	PT_CHECK_EQ(s->auth_http_pass_client_cert, 0);
	PT_CHECK_EQ(s->proxy_buffer, 4096);
	PT_CHECK_EQ(s->proxy_timeout_ms, 24LL * 3600 * 1000);
	PT_CHECK_EQ(s->proxy_pass_error_message, 0);
	PT_CHECK_EQ(s->xclient, 1);
	PT_CHECK_EQ(s->proxy_smtp_auth, 0);
	PT_CHECK_EQ(s->proxy_protocol, PT_PROXY_PROTOCOL_OFF);
	PT_CHECK_EQ(s->starttls, PT_STARTTLS_OFF);
	PT_CHECK_EQ(s->ssl_protocols, PT_TLS_V1_2 | PT_TLS_V1_3);
	PT_CHECK_STR(s->ssl_ciphers.p, "HIGH:!aNULL:!MD5");
	PT_CHECK_STR(s->ssl_ecdh_curve.p, "auto");
	PT_CHECK(list_is(&s->ssl_session_cache, "none"));
	PT_CHECK_EQ(s->ssl_session_timeout_sec, 300);
	PT_CHECK_EQ(s->ssl_session_tickets, 1);
	PT_CHECK_EQ(s->ssl_verify_client, PT_VERIFY_OFF);
	PT_CHECK_EQ(s->ssl_verify_depth, 1);
	PT_CHECK_EQ(s->imap_auth, PT_AUTH_PLAIN);
	PT_CHECK(list_is(&s->imap_capabilities, "IMAP4|IMAP4rev1|UIDPLUS"));
	PT_CHECK_EQ(s->imap_client_buffer, 4096);
	PT_CHECK_EQ(s->pop3_auth, PT_AUTH_PLAIN);
	PT_CHECK(list_is(&s->pop3_capabilities, "TOP|USER|UIDL"));
	PT_CHECK_EQ(s->pop3_client_buffer, 128);
	PT_CHECK_EQ(s->smtp_auth, PT_AUTH_PLAIN | PT_AUTH_LOGIN);
	PT_CHECK_EQ(s->smtp_capabilities.n, 0);
	PT_CHECK_EQ(s->smtp_client_buffer, 4096);
	PT_CHECK_EQ(s->smtp_greeting_delay_ms, 0);
	PT_CHECK_EQ(c->worker_processes, 1);
	PT_CHECK(c->pid.p == NULL);
	PT_CHECK_STR(s->auth_http.host.p, "127.0.0.1");
	PT_CHECK_STR(s->auth_http.uri.p, "/");
	PT_CHECK_EQ(s->auth_http.addr.port, 80);
	PT_CHECK_EQ(fs.emerg, 0);
	pt_conf_free(c);
}

PT_TEST(conf_inheritance)
{
	struct pt_conf *c = load(
		"mail {\n"
		"  timeout 30s; auth_http http://auth.local:9000/a?b=c;\n"
		"  imap_capabilities A B; imap_capabilities C;\n"
		"  auth_http_header X-One 1; auth_http_header X-Two 2;\n"
		"  imap_auth plain login; imap_auth cram-md5;\n"
		"  server { listen 993 ssl; ssl_certificate c.pem; ssl_certificate_key /k.pem;\n"
		"           imap_capabilities D; auth_http_header X-Three 3; timeout 1m; }\n"
		"  server { listen 110; proxy_buffer 16k; }\n"
		"  server_name mail.example;\n"
		"}\n");

	PT_CHECK(c != NULL);
	if (c == NULL)
		return;
	const struct pt_conf_server *a = &c->servers[0], *b = &c->servers[1];
	PT_CHECK_EQ(a->protocol, PT_PROTO_IMAP);
	PT_CHECK_EQ(b->protocol, PT_PROTO_POP3);
	PT_CHECK_EQ(a->timeout_ms, 60000);
	PT_CHECK_EQ(b->timeout_ms, 30000);
	PT_CHECK(list_is(&a->imap_capabilities, "D"));          /* replaced, not appended */
	PT_CHECK(list_is(&b->imap_capabilities, "A|B|C"));      /* repeats at one level add */
	PT_CHECK_EQ(a->auth_http_header.n, 1);
	PT_CHECK_STR(a->auth_http_header.v[0].name.p, "X-Three");
	PT_CHECK_EQ(b->auth_http_header.n, 2);
	PT_CHECK_STR(b->auth_http_header.v[1].value.p, "2");
	PT_CHECK_EQ(b->imap_auth, PT_AUTH_PLAIN | PT_AUTH_LOGIN | PT_AUTH_CRAM_MD5);
	PT_CHECK_STR(a->server_name.p, "mail.example");         /* given after the servers */
	PT_CHECK_EQ(b->proxy_buffer, 16384);
	PT_CHECK(list_is(&a->ssl_certificate, "c.pem"));       /* as written, like nginx */
	PT_CHECK_STR(c->conf_prefix, "/etc/p/");
	PT_CHECK(list_is(&a->ssl_certificate_key, "/k.pem"));
	PT_CHECK_STR(b->auth_http.host.p, "auth.local");
	PT_CHECK_STR(b->auth_http.uri.p, "/a?b=c");
	PT_CHECK_EQ(b->auth_http.addr.port, 9000);
	PT_CHECK_STR(b->auth_http.addr.text, "10.0.0.1:9000");
	PT_CHECK_EQ(a->listen[0]->ssl, 1);
	PT_CHECK(a->listen[0]->server == a);
	PT_CHECK_EQ(c->n_listens, 2);
	pt_conf_free(c);
}

PT_TEST(conf_listen_forms)
{
	struct pt_conf *c = load(
		"mail { auth_http unix:/run/auth.sock:/check;\n"
		"  server { listen [::1]:1143 ipv6only=off; listen unix:/run/p.sock; protocol smtp; }\n"
		"  server { listen 127.0.0.1:2525 backlog=10 rcvbuf=8k sndbuf=1m\n"
		"           so_keepalive=30m:10s:5 proxy_protocol bind; protocol imap; }\n"
		"  server { listen *:465; listen 10.0.0.1:995; }\n"
		"}\n");

	PT_CHECK(c != NULL);
	if (c == NULL)
		return;
	PT_CHECK_EQ(c->n_listens, 5);
	PT_CHECK_STR(c->listens[0].addr.text, "[::1]:1143");
	PT_CHECK_EQ(c->listens[0].addr.family, 6);
	PT_CHECK_EQ(c->listens[0].ipv6only, 0);
	PT_CHECK_STR(c->listens[1].addr.text, "unix:/run/p.sock");
	PT_CHECK_EQ(c->servers[0].protocol, PT_PROTO_SMTP);
	const struct pt_conf_listen *l = &c->listens[2];
	PT_CHECK_STR(l->addr.text, "127.0.0.1:2525");
	PT_CHECK_EQ(l->backlog, 10);
	PT_CHECK_EQ(l->rcvbuf, 8192);
	PT_CHECK_EQ(l->sndbuf, 1048576);
	PT_CHECK_EQ(l->so_keepalive, 1);
	PT_CHECK_EQ(l->keepidle, 1800);
	PT_CHECK_EQ(l->keepintvl, 10);
	PT_CHECK_EQ(l->keepcnt, 5);
	PT_CHECK_EQ(l->proxy_protocol, 1);
	PT_CHECK_EQ(l->bind, 1);
	PT_CHECK_STR(c->listens[3].addr.text, "0.0.0.0:465");
	/* The first standard port decides (465: smtp), not the later 995. */
	PT_CHECK_EQ(c->servers[2].protocol, PT_PROTO_SMTP);
	PT_CHECK_EQ(c->servers[0].auth_http.unix_socket, 1);
	PT_CHECK_STR(c->servers[0].auth_http.addr.path.p, "/run/auth.sock");
	PT_CHECK_STR(c->servers[0].auth_http.uri.p, "/check");
	PT_CHECK_STR(c->servers[0].auth_http.host.p, "localhost");
	pt_conf_free(c);
}

PT_TEST(conf_words_and_includes)
{
	fs_reset();
	fs_add("/etc/p/main.conf",
	       "worker_processes auto; pid run/p.pid;\n"
	       "error_log logs/e.log warn;\n"
	       "mail {\n  auth_http 127.0.0.1;\n  smtp_capabilities \"SIZE 10485760\" 'X Y' 8BITMIME;\n"
	       "  error_log stderr info;\n"
	       "  include conf.d/*.conf;\n}\n");
	fs_add("/etc/p/conf.d/b.conf", "server { listen 1025; protocol smtp; }\n");
	fs_add("/etc/p/conf.d/a.conf", "server { listen 1143; protocol imap; error_log /l debug; }\n");
	struct pt_conf *c = pt_conf_load(&fs.io, "/etc/p/main.conf");

	PT_CHECK(c != NULL);
	if (c == NULL) {
		printf("%s", fs.msgs);
		return;
	}
	PT_CHECK_EQ(c->worker_processes, 0);
	PT_CHECK_STR(c->pid.p, "/pre/run/p.pid");
	PT_CHECK_EQ(c->error_log.n, 1);
	PT_CHECK_STR(c->error_log.v[0].target.p, "/pre/logs/e.log");
	PT_CHECK_EQ(c->error_log.v[0].level, PT_LOG_WARN);
	PT_CHECK_EQ(c->n_servers, 2);
	/* glob order: a.conf before b.conf */
	PT_CHECK_EQ(c->servers[0].protocol, PT_PROTO_IMAP);
	PT_CHECK_EQ(c->servers[0].error_log.v[0].level, PT_LOG_DEBUG);
	PT_CHECK_EQ(c->servers[1].error_log.n, 1);
	PT_CHECK_STR(c->servers[1].error_log.v[0].target.p, "stderr");
	PT_CHECK_EQ(c->servers[1].error_log.v[0].level, PT_LOG_INFO);
	PT_CHECK(list_is(&c->servers[1].smtp_capabilities, "SIZE 10485760|X Y|8BITMIME"));
	PT_CHECK_EQ(c->n_files, 3);
	PT_CHECK_STR(c->files[1].path, "/etc/p/conf.d/a.conf");
	pt_conf_free(c);
}

PT_TEST(conf_messages)
{
	struct pt_conf *c;

	c = load("mail {\n  auth_http 127.0.0.1;\n  server {\n    listen 1143;\n  }\n}\n");
	PT_CHECK(c == NULL);
	PT_CHECK_STR(fs.msgs, "[emerg] unknown mail protocol for server in /etc/p/main.conf:3\n");

	c = load("mail {\n  server { listen 143; }\n  server {\n listen 110; }\n}\n");
	PT_CHECK(c == NULL);
	PT_CHECK_STR(fs.msgs, "[emerg] no \"auth_http\" is defined for server in /etc/p/main.conf:2\n");

	c = load("mail {\n  auth_http 127.0.0.1;\n  starttls only;\n  server { listen 143; }\n}\n");
	PT_CHECK(c == NULL);
	PT_CHECK_STR(fs.msgs, "[emerg] no \"ssl_certificate\" is defined for the \"starttls\" "
	             "directive in /etc/p/main.conf:3\n");

	c = load("mail { server { listen 143;\n listen 0.0.0.0:143; } }");
	PT_CHECK(c == NULL);
	PT_CHECK_STR(fs.msgs, "[emerg] duplicate \"0.0.0.0:143\" address and port pair in "
	             "/etc/p/main.conf:2\n");

	c = load("mail { set_real_ip_from 10.1.2.3/8; auth_http 127.0.0.1;\n"
	         "server { listen 143; } }");
	PT_CHECK(c != NULL);
	PT_CHECK_STR(fs.msgs, "[warn] low address bits of 10.1.2.3/8 are meaningless in "
	             "/etc/p/main.conf:1\n");
	if (c) {
		PT_CHECK_EQ(c->servers[0].set_real_ip_from.n, 1);
		PT_CHECK_EQ(c->servers[0].set_real_ip_from.v[0].ip[0], 10);
		PT_CHECK_EQ(c->servers[0].set_real_ip_from.v[0].ip[1], 0);
		PT_CHECK_EQ(c->servers[0].set_real_ip_from.v[0].mask[1], 0);
	}
	pt_conf_free(c);

	c = load("mail { auth_http 127.0.0.1; imap_auth plain plain; server { listen 143; } }");
	PT_CHECK(c != NULL);
	PT_CHECK_STR(fs.msgs, "[warn] duplicate value \"plain\" in /etc/p/main.conf:1\n");
	pt_conf_free(c);

	c = load("mail { }");
	PT_CHECK(c != NULL);       /* an empty mail block is valid, as in nginx */
	pt_conf_free(c);

	c = load("events { }");
	PT_CHECK(c == NULL);
	PT_CHECK(strstr(fs.msgs, "[emerg] no \"mail\" section in configuration\n") != NULL);
}

/* ssl_suites: the built-in order when ssl_ciphers is not given, else the
 * string's (OpenSSL's) order; a mail{} string reaches every server and is
 * warned about once; a server without TLS is not checked. */
PT_TEST(conf_ssl_ciphers)
{
	static const uint16_t builtin[] = {
		PT_TLS_ECDHE_ECDSA_AES128_GCM_SHA256, PT_TLS_ECDHE_RSA_AES128_GCM_SHA256,
		PT_TLS_ECDHE_ECDSA_AES256_GCM_SHA384, PT_TLS_ECDHE_RSA_AES256_GCM_SHA384,
		PT_TLS_ECDHE_ECDSA_CHACHA20_POLY1305, PT_TLS_ECDHE_RSA_CHACHA20_POLY1305,
	};
	static const uint16_t rsa[] = {
		PT_TLS_ECDHE_RSA_AES256_GCM_SHA384, PT_TLS_ECDHE_RSA_AES128_GCM_SHA256,
	};
	static const uint16_t no_ecdsa[] = {
		PT_TLS_ECDHE_RSA_AES256_GCM_SHA384, PT_TLS_ECDHE_RSA_CHACHA20_POLY1305,
		PT_TLS_ECDHE_RSA_AES128_GCM_SHA256,
	};
	const char *tls = "ssl_certificate c.pem; ssl_certificate_key k.pem;";
	struct pt_conf *c;
	char text[1024];

	snprintf(text, sizeof(text),
	         "mail { auth_http 127.0.0.1; %s\n"
	         "  server { listen 993 ssl; }\n"
	         "  server { listen 994 ssl; protocol imap;\n"
	         "    ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256; }\n"
	         "}\n", tls);
	c = load(text);
	if (!PT_CHECK(c != NULL))
		fprintf(stdout, "    %s", fs.msgs);
	if (c != NULL) {
		PT_CHECK_MEM(c->servers[0].ssl_suites, c->servers[0].n_ssl_suites * 2, builtin,
		             sizeof(builtin));
		PT_CHECK(c->servers[0].ssl_ciphers_file == NULL);
		PT_CHECK_MEM(c->servers[1].ssl_suites, c->servers[1].n_ssl_suites * 2, rsa,
		             sizeof(rsa));
		PT_CHECK_EQ(c->servers[1].ssl_ciphers_line, 4);
		PT_CHECK_EQ(fs.mlen, 0);
	}
	pt_conf_free(c);

	snprintf(text, sizeof(text),
	         "mail { auth_http 127.0.0.1; %s\n"
	         "  ssl_ciphers \"!ECDSA:HIGH:FOO\";\n"
	         "  server { listen 993 ssl; }\n"
	         "  server { listen 143; starttls on; }\n"
	         "  server { listen 110; ssl_ciphers AES128-SHA; }\n"
	         "}\n", tls);
	c = load(text);
	PT_CHECK(c != NULL);
	PT_CHECK_STR(fs.msgs, "[warn] unknown cipher \"FOO\" in \"ssl_ciphers\" is ignored in "
	             "/etc/p/main.conf:2\n");
	if (c != NULL) {
		for (int i = 0; i < 2; i++) {
			PT_CHECK_MEM(c->servers[i].ssl_suites, c->servers[i].n_ssl_suites * 2, no_ecdsa,
			             sizeof(no_ecdsa));
			PT_CHECK_EQ(c->servers[i].ssl_ciphers_line, 2);
		}
		PT_CHECK_EQ(c->servers[2].n_ssl_suites, 0);     /* no TLS: not checked */
	}
	pt_conf_free(c);

	snprintf(text, sizeof(text),
	         "mail { auth_http 127.0.0.1; %s\n"
	         "  server { listen 110; ssl_ciphers AES128-SHA; }\n"
	         "  server { listen 995 ssl;\n ssl_ciphers AES128-SHA; }\n"
	         "}\n", tls);
	c = load(text);
	PT_CHECK(c == NULL);
	PT_CHECK(strstr(fs.msgs, "[emerg] \"ssl_ciphers\" selects no cipher suite postern can "
	                "offer (it offers: ECDHE-ECDSA-AES128-GCM-SHA256:") != NULL);
	PT_CHECK(strstr(fs.msgs, "CHACHA20-POLY1305) in /etc/p/main.conf:4\n") != NULL);

	c = load("mail { auth_http 127.0.0.1; starttls on; ssl_ciphers \"HIGH:+\";\n"
	         "ssl_certificate c.pem; ssl_certificate_key k.pem; server { listen 143; } }");
	PT_CHECK(c == NULL);
	PT_CHECK_STR(fs.msgs, "[emerg] invalid \"ssl_ciphers\" value \"HIGH:+\": unexpected end "
	             "at offset 6 in /etc/p/main.conf:1\n");
}

PT_TEST(conf_access_rules)
{
	struct pt_conf *c = load(
		"mail { auth_http 127.0.0.1; deny 192.0.2.1;\n"
		"  server { listen 143; allow 10.1.0.0/16; allow unix:; deny all; }\n"
		"  server { listen 110; } }\n");

	PT_CHECK(c != NULL);
	if (c == NULL)
		return;
	const struct pt_conf_accesslist *a = &c->servers[0].access, *b = &c->servers[1].access;
	PT_CHECK_EQ(a->n, 3);
	PT_CHECK_EQ(a->v[0].deny, 0);
	PT_CHECK_EQ(a->v[0].cidr.family, 4);
	PT_CHECK_EQ(a->v[0].cidr.ip[1], 1);
	PT_CHECK_EQ(a->v[0].cidr.mask[1], 0xff);
	PT_CHECK_EQ(a->v[0].cidr.mask[2], 0);
	PT_CHECK_EQ(a->v[1].cidr.family, 'u');
	PT_CHECK_EQ(a->v[2].deny, 1);
	PT_CHECK_EQ(a->v[2].all, 1);
	PT_CHECK_EQ(b->n, 1);              /* inherited from mail{} */
	PT_CHECK_EQ(b->v[0].deny, 1);
	PT_CHECK_EQ(b->v[0].cidr.ip[3], 1);
	pt_conf_free(c);
}

PT_TEST_MAIN(PT_TEST_ENTRY(conf_access_rules), PT_TEST_ENTRY(conf_values_time), PT_TEST_ENTRY(conf_values_size_num),
             PT_TEST_ENTRY(conf_defaults), PT_TEST_ENTRY(conf_inheritance),
             PT_TEST_ENTRY(conf_listen_forms), PT_TEST_ENTRY(conf_words_and_includes),
             PT_TEST_ENTRY(conf_messages), PT_TEST_ENTRY(conf_ssl_ciphers))
