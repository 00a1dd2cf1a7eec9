/*
 * Unit tests of src/conf, one table row per case: a config (with the files
 * it names, -g directives, the io's answers) and every message the load
 * prints, word for word, or that it loads.  They cover what tests/conf
 * checks through the real binary (the top-level nginx directives,
 * error_log, resolver, auth_http and listen forms, access rules, auth_file,
 * the tokenizer's and the walk's errors, the post-parse checks) so that the
 * coverage build (make cov), which runs no binary, sees that code too; and
 * a few cases no config in tests/conf can reach (-g blocks, include
 * nesting, a glob that fails, a name with two equal addresses, 4097
 * listeners).  Messages are nginx's where nginx has the directive.
 */
#include <fnmatch.h>
#include <stdlib.h>

#include "pt_test.h"
#include "conf/conf.h"

#define MAIN "/etc/p/main.conf"
/* A minimal valid mail{} body around the directive under test. */
#define AUTH "auth_http 127.0.0.1:9000/auth;\n"

struct file { const char *name, *text; };

struct ccase {
	const char *name;
	const char *text;               /* MAIN */
	const char *msgs;               /* every message, "[level] text\n" each
	                                 * ("~text": some message holds text) */
	int ok;                         /* the load must succeed (else fail) */
	struct file files[3];           /* more files */
	const char *params;             /* -g */
	int unprivileged;
	int user_check;                 /* io->check_user answers this (-1: none) */
};

static struct {
	struct pt_conf_io io;
	const struct ccase *c;
	char msgs[8192];
	size_t mlen;
} T;

static int t_read(void *ctx, const char *path, const char **data, size_t *len)
{
	(void)ctx;
	if (strcmp(path, MAIN) == 0) {
		*data = T.c->text;
		*len = strlen(T.c->text);
		return 0;
	}
	for (size_t i = 0; i < 3 && T.c->files[i].name; i++) {
		if (strcmp(path, T.c->files[i].name) == 0) {
			*data = T.c->files[i].text;
			*len = strlen(T.c->files[i].text);
			return 0;
		}
	}
	return 2;
}

static int t_glob(void *ctx, const char *pat, int (*add)(void *, const char *), void *actx)
{
	(void)ctx;
	if (strstr(pat, "/denied/") != NULL)
		return 13;
	for (size_t i = 0; i < 3 && T.c->files[i].name; i++)
		if (fnmatch(pat, T.c->files[i].name, FNM_PATHNAME) == 0 &&
		    add(actx, T.c->files[i].name))
			return 12;
	return 0;
}

/* auth.local: 10.0.0.1; twice.local: 10.0.0.2 twice; v6.local: ::2. */
static int t_resolve(void *ctx, const char *host, struct pt_addr *out, int max)
{
	int n = 0;

	(void)ctx;
	if (max < 1)
		return 0;
	memset(out, 0, (max < 2 ? 1 : 2) * sizeof(*out));
	if (strcmp(host, "auth.local") == 0 || strcmp(host, "twice.local") == 0) {
		out[0].family = 4;
		out[0].ip[0] = 10;
		out[0].ip[3] = host[0] == 'a' ? 1 : 2;
		n = 1;
		if (host[0] == 't' && max >= 2) {
			out[1] = out[0];
			n = 2;
		}
	} else if (strcmp(host, "v6.local") == 0) {
		out[0].family = 6;
		out[0].ip[15] = 2;
		n = 1;
	}
	return n;
}

static void t_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	int n;

	(void)ctx;
	n = snprintf(T.msgs + T.mlen, sizeof(T.msgs) - T.mlen, "[%s] %s\n", pt_log_level_name(lvl),
	             text);
	if (n > 0 && (size_t)n < sizeof(T.msgs) - T.mlen)
		T.mlen += (size_t)n;
}

static int t_check_user(void *ctx, const char *user, const char *group)
{
	(void)ctx;
	(void)user;
	(void)group;
	return T.c->user_check;
}

static const char *t_strerror(void *ctx, int err)
{
	(void)ctx;
	return err == 2 ? "No such file or directory" : err == 13 ? "Permission denied" : NULL;
}

/* Loads c; the conf (the caller frees it) or NULL. */
static struct pt_conf *t_load(const struct ccase *c)
{
	memset(&T, 0, sizeof(T));
	T.c = c;
	T.io.read_file = t_read;
	T.io.glob = t_glob;
	T.io.resolve = t_resolve;
	T.io.msg = t_msg;
	T.io.strerror = t_strerror;
	T.io.check_user = c->user_check >= 0 ? t_check_user : NULL;
	T.io.prefix = "/pre/";
	T.io.conf_prefix = "/etc/p/";
	T.io.hostname = "host.example";
	T.io.unprivileged = c->unprivileged;
	T.io.params = c->params;
	return pt_conf_load(&T.io, c->name[0] == '!' ? "/etc/p/missing.conf" : MAIN);
}

/* A word of n 'a's (the tokenizer's and the parser's bounds). */
static char long_word[5000];
static char many_words[400];
static char long_listen[200];
static char long_host[400];
static char long_quoted[5000];
static char long_listen_msg[300];

static const struct ccase conf_cases[] = {
	/* ---- top level ---- */
	{ "toplevel-ok",
	  "worker_shutdown_timeout 10s;\nworker_rlimit_nofile 1024;\ndaemon off;\n"
	  "pid run/p.pid;\nuser mail staff;\nworker_processes auto;\n"
	  "events { worker_connections 512; use epoll; }\nmail { }\n",
	  "[notice] \"use\" directive is ignored in /etc/p/main.conf:7\n", 1, { { 0 } }, NULL, 0, 0 },
	{ "shutdown-timeout-twice", "worker_shutdown_timeout 1s;\nworker_shutdown_timeout 2s;\n",
	  "[emerg] \"worker_shutdown_timeout\" directive is duplicate in /etc/p/main.conf:2\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "shutdown-timeout-invalid", "worker_shutdown_timeout soon;\n",
	  "[emerg] \"worker_shutdown_timeout\" directive invalid value in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "rlimit-twice", "worker_rlimit_nofile 1;\nworker_rlimit_nofile 2;\n",
	  "[emerg] \"worker_rlimit_nofile\" directive is duplicate in /etc/p/main.conf:2\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "rlimit-invalid", "worker_rlimit_nofile -1;\n",
	  "[emerg] \"worker_rlimit_nofile\" directive invalid number in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "daemon-invalid", "daemon maybe;\n",
	  "[emerg] invalid value \"maybe\" in \"daemon\" directive, it must be \"on\" or \"off\" "
	  "in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "worker-connections-twice", "events { worker_connections 1; worker_connections 2; }\n",
	  "[emerg] \"worker_connections\" directive is duplicate in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "worker-connections-invalid", "events {\n worker_connections many;\n}\n",
	  "[emerg] invalid number \"many\" in /etc/p/main.conf:2\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "user-unprivileged", "user nobody;\nmail { }\n",
	  "[warn] the \"user\" directive makes sense only if the master process runs with "
	  "super-user privileges, ignored in /etc/p/main.conf:1\n", 1, { { 0 } }, NULL, 1, -1 },
	{ "user-no-user", "user nobody;\n",
	  "[emerg] getpwnam(\"nobody\") failed in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, 1 },
	{ "user-no-group", "user nobody nogroup;\n",
	  "[emerg] getgrnam(\"nogroup\") failed in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, 2 },
	{ "user-twice", "user a;\nuser b;\n",
	  "[emerg] \"user\" directive is duplicate in /etc/p/main.conf:2\n", 0, { { 0 } }, NULL, 0, -1 },

	/* ---- error_log ---- */
	{ "error-log-forms",
	  "error_log stderr info;\nerror_log syslog:server=127.0.0.1 warn;\nerror_log logs/e.log;\n"
	  "mail { error_log /var/log/m.log debug; }\n", "", 1, { { 0 } }, NULL, 0, -1 },
	{ "error-log-memory", "error_log memory:32m debug;\n",
	  "[emerg] \"memory:\" error logs are not supported in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "error-log-syslog-no-server", "error_log syslog:facility=local7;\n",
	  "[emerg] no syslog server specified in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },

	/* ---- resolver ---- */
	{ "resolver-ok",
	  "mail { " AUTH "resolver 127.0.0.1 [::1]:5353 auth.local valid=30s ipv6=off ipv4=on;\n"
	  "server { listen 25; resolver off; ssl_session_cache off; }\n"
	  "server { listen 110; ssl_session_cache none; } }\n", "", 1, { { 0 } }, NULL, 0, -1 },
	{ "resolver-valid", "mail { resolver 127.0.0.1 valid=soon; }\n",
	  "[emerg] invalid parameter: valid=soon in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "resolver-ipv4", "mail { resolver 127.0.0.1 ipv4=maybe; }\n",
	  "[emerg] invalid parameter: ipv4=maybe in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "resolver-both-off", "mail { resolver 127.0.0.1 ipv4=off ipv6=off; }\n",
	  "[emerg] \"ipv4\" and \"ipv6\" cannot both be \"off\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "resolver-none", "mail { resolver valid=5s; }\n",
	  "[emerg] no name servers defined in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "resolver-bad-host", "mail { resolver 127.0.0.1/24; }\n",
	  "[emerg] invalid host in resolver \"127.0.0.1/24\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },

	/* ---- auth_http ---- */
	{ "auth-http-forms",
	  "mail {\n auth_http unix:/run/auth.sock:/auth;\n"
	  " server { listen 143; auth_http http://[::1]:9000/auth; }\n"
	  " server { listen 110; auth_http [::1]; }\n"
	  " server { listen 25; auth_http auth.local:81; }\n"
	  " server { listen 587; }\n}\n", "", 1, { { 0 } }, NULL, 0, -1 },
	{ "auth-http-unix-no-path", "mail { auth_http unix:; }\n",
	  "[emerg] no path in the unix domain socket in auth_http \"unix:\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "auth-http-v6-open", "mail { auth_http [::1/auth; }\n",
	  "[emerg] invalid host in auth_http \"[::1/auth\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "auth-http-v6-bad", "mail { auth_http [zz]:80; }\n",
	  "[emerg] invalid IPv6 address in auth_http \"[zz]:80\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "auth-http-v6-junk", "mail { auth_http [::1]x; }\n",
	  "[emerg] invalid host in auth_http \"[::1]x\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "auth-http-v6-port", "mail { auth_http [::1]:0/a; }\n",
	  "[emerg] invalid port in auth_http \"[::1]:0/a\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "auth-http-no-host", "mail { auth_http http://:80/a; }\n",
	  "[emerg] no host in auth_http \":80/a\" in /etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "auth-http-unknown-host", "mail { auth_http nowhere.example/a; }\n",
	  "[emerg] host not found in auth_http \"nowhere.example/a\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },

	/* ---- access rules, set_real_ip_from, access_log ---- */
	{ "access-ok",
	  "mail { " AUTH "allow unix:;\nallow 10.0.0.0/8;\ndeny 10.1.2.3/8;\ndeny all;\n"
	  "set_real_ip_from unix:;\nset_real_ip_from twice.local;\nset_real_ip_from v6.local;\n"
	  "access_log logs/a.log format=json;\n"
	  "server { listen 143; access_log off; }\n"
	  "server { listen 110; access_log /var/log/p.log format=text; } }\n",
	  "[warn] low address bits of 10.1.2.3/8 are meaningless in /etc/p/main.conf:4\n",
	  1, { { 0 } }, NULL, 0, -1 },
	{ "allow-invalid", "mail { allow 10.0.0.1/33; }\n",
	  "[emerg] invalid parameter \"10.0.0.1/33\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "real-ip-unknown-host", "mail { set_real_ip_from nowhere.example; }\n",
	  "[emerg] host not found in set_real_ip_from \"nowhere.example\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "access-log-twice", "mail { access_log off; access_log a.log; }\n",
	  "[emerg] \"access_log\" directive is duplicate in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "access-log-off-param", "mail { access_log off format=json; }\n",
	  "[emerg] invalid parameter \"format=json\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "access-log-format", "mail { access_log a.log format=xml; }\n",
	  "[emerg] invalid parameter \"format=xml\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },

	/* ---- listen ---- */
	{ "listen-forms",
	  "mail { " AUTH "server { protocol imap;\n listen twice.local:1143;\n listen v6.local:1143;\n"
	  " listen auth.local;\n listen unix:/run/imap.sock;\n listen 1144 multipath;\n"
	  " listen 65534-65535;\n"
	  " listen [::1]:1145 ipv6only=off so_keepalive=off;\n"
	  " listen 1146 so_keepalive=30m::; } }\n", "", 1, { { 0 } }, NULL, 0, -1 },
	{ "listen-unix-too-long", long_listen,
	  long_listen_msg,
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-unix-twice",
	  "mail { " AUTH "server { listen unix:/s; protocol imap; }\n"
	  "server { listen unix:/s; protocol pop3; } }\n",
	  "[emerg] duplicate \"unix:/s\" address and port pair in /etc/p/main.conf:3\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-ipv6only", "mail { server { listen [::1]:143 ipv6only=oops; } }\n",
	  "[emerg] invalid ipv6only flags \"oops\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-range-port", "mail { server { listen *:1-x; } }\n",
	  "[emerg] invalid port in \"*:1-x\" of the \"listen\" directive in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-v6-open", "mail { server { listen [::1; } }\n",
	  "[emerg] invalid host in \"[::1\" of the \"listen\" directive in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-v6-empty", "mail { server { listen []:143; } }\n",
	  "[emerg] no host in \"[]:143\" of the \"listen\" directive in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-no-host", "mail { server { listen :143; } }\n",
	  "[emerg] no host in \":143\" of the \"listen\" directive in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-v6-bad-port", "mail { server { listen [::1]:x; } }\n",
	  "[emerg] invalid port in \"[::1]:x\" of the \"listen\" directive in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-unknown-host", "mail { server { listen nowhere.example:143; } }\n",
	  "[emerg] host not found in \"nowhere.example:143\" of the \"listen\" directive in "
	  "/etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "listen-host-too-long", long_host, "~[emerg] host not found in \"hhhh", 0, { { 0 } }, NULL, 0, -1 },
	{ "listen-keepalive-idle", "mail { server { listen 143 so_keepalive=0:1:1; } }\n",
	  "[emerg] invalid so_keepalive value: \"0:1:1\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-keepalive-intvl", "mail { server { listen 143 so_keepalive=1:0:1; } }\n",
	  "[emerg] invalid so_keepalive value: \"1:0:1\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-keepalive-cnt", "mail { server { listen 143 so_keepalive=1:1:0; } }\n",
	  "[emerg] invalid so_keepalive value: \"1:1:0\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-keepalive-empty", "mail { server { listen 143 so_keepalive=::; } }\n",
	  "[emerg] invalid so_keepalive value: \"::\" in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "listen-too-many", "mail { server { listen 1-4097; } }\n",
	  "[emerg] too many listening sockets (at most 4096) in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },

	/* ---- values and generic setters ---- */
	{ "flag-twice", "mail { xclient on; xclient off; }\n",
	  "[emerg] \"xclient\" directive is duplicate in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "str-twice", "mail { proxy_ssl_name a; proxy_ssl_name b; }\n",
	  "[emerg] \"proxy_ssl_name\" directive is duplicate in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "enum-twice", "mail { ssl_verify_client off; ssl_verify_client off; }\n",
	  "[emerg] \"ssl_verify_client\" directive is duplicate in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "time-unit-overflow", "mail { timeout 9999999999999999d; }\n",
	  "[emerg] \"timeout\" directive invalid value in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "time-sum-overflow", "mail { timeout \"106751991167d 300000000000000000ms\"; }\n",
	  "[emerg] \"timeout\" directive invalid value in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "time-no-digits", "mail { timeout s; }\n",
	  "[emerg] \"timeout\" directive invalid value in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "time-bare-overflow", "mail { timeout 9223372036854776; }\n",
	  "[emerg] \"timeout\" directive invalid value in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "time-bare-sum-overflow", "mail { timeout \"106751991167d 86400\"; }\n",
	  "[emerg] \"timeout\" directive invalid value in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },

	/* ---- the tokenizer and the walk ---- */
	{ "word-too-long", long_word,
	  "[emerg] too long parameter \"aaaaaaaaaa...\" started in /etc/p/main.conf:2\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "quoted-too-long", long_quoted,
	  "[emerg] too long parameter, probably missing terminating \"\"\" character in "
	  "/etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "args-over-max", "mail { timeout 1 2 3 4 5 6 7 8; }\n",
	  "[emerg] invalid number of arguments in \"timeout\" directive in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "eof-after-blank", "mail { }\npid p.pid\n",
	  "[emerg] unexpected end of file, expecting \";\" or \"}\" in /etc/p/main.conf:3\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "g-eof-after-blank", "mail { }\n",
	  "[emerg] unexpected end of parameter, expecting \";\" in command line\n",
	  0, { { 0 } }, "daemon off ", 0, -1 },
	{ "too-many-words", many_words,
	  "[emerg] too many parameters in \"w\" directive in /etc/p/main.conf:1\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "eof-after-words", "mail { }\npid p.pid",
	  "[emerg] unexpected end of file, expecting \";\" or \"}\" in /etc/p/main.conf:2\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "ignored-block-words", "http {\n server { listen 80 }\n}\nmail { }\n",
	  "[notice] \"http\" block is ignored in /etc/p/main.conf:1\n"
	  "[emerg] unexpected \"}\" in /etc/p/main.conf:2\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "ignored-block-eof", "stream {\n upstream u { server 10.0.0.1; }\n",
	  "[notice] \"stream\" block is ignored in /etc/p/main.conf:1\n"
	  "[emerg] unexpected end of file, expecting \"}\" in /etc/p/main.conf:3\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "ignored-block-lexerr", "http {\n root \"/var/www;\n}\n",
	  "[notice] \"http\" block is ignored in /etc/p/main.conf:1\n"
	  "[emerg] unexpected end of file, expecting \";\" or \"}\" in /etc/p/main.conf:4\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "g-block", "mail { }\n",
	  "[emerg] block directives are not supported in -g option in command line\n",
	  0, { { 0 } }, "events { }", 0, -1 },
	{ "g-no-semicolon", "mail { }\n",
	  "[emerg] unexpected end of parameter, expecting \";\" in command line\n",
	  0, { { 0 } }, "daemon off", 0, -1 },
	{ "g-open-quote", "mail { }\n",
	  "[emerg] unexpected end of parameter, expecting \";\" in command line\n",
	  0, { { 0 } }, "pid \"p.pid", 0, -1 },
	{ "g-ok", "mail { }\n", "", 1, { { 0 } }, "daemon off; worker_processes 2;", 0, -1 },
	{ "!main-missing", "",
	  "[emerg] open() \"/etc/p/missing.conf\" failed (2: No such file or directory)\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "include-loop", "include self.conf;\n",
	  "[emerg] include nesting deeper than 16 at \"/etc/p/self.conf\" in /etc/p/self.conf:1\n", 0,
	  { { "/etc/p/self.conf", "include self.conf;\n" } }, NULL, 0, -1 },
	{ "include-glob-denied", "include /etc/p/denied/*.conf;\n",
	  "[emerg] glob() \"/etc/p/denied/*.conf\" failed (13: Permission denied) in "
	  "/etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "include-unknown-errno", "include nothere.conf;\n",
	  "[emerg] open() \"/etc/p/nothere.conf\" failed (2: No such file or directory) in "
	  "/etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },

	/* ---- checks after the mail block ---- */
	{ "auth-http-and-file",
	  "mail {\n server { listen 143; " AUTH " auth_file users; } }\n",
	  "[emerg] both \"auth_http\" and \"auth_file\" are defined for server in "
	  "/etc/p/main.conf:2\n", 0, { { "/etc/p/users", "alice:{PLAIN}pw:imap=127.0.0.1:143\n" } },
	  NULL, 0, -1 },
	{ "proxy-ssl-verify-no-ca",
	  "mail { " AUTH "proxy_ssl on;\n server {\n listen 143; proxy_ssl_verify on; } }\n",
	  "[emerg] no proxy_ssl_trusted_certificate for proxy_ssl_verify in /etc/p/main.conf:3\n",
	  0, { { 0 } }, NULL, 0, -1 },
	{ "verify-client-no-ca",
	  "mail { " AUTH "server { listen 993 ssl; ssl_certificate c.pem; ssl_certificate_key k.pem;\n"
	  " ssl_verify_client on; } }\n",
	  "[emerg] no ssl_client_certificate or ssl_trusted_certificate for ssl_verify_client\n",
	  0, { { 0 } }, NULL, 0, -1 },

	/* ---- auth_file ---- */
	{ "auth-file-ok",
	  "mail { server { listen 143; auth_file users; } }\n", "", 1,
	  { { "/etc/p/users", "# users\n\nbob:{PLAIN}pw:imap=[::1]:143\n"
	      "alice:{PLAIN}pw:imap=127.0.0.1:143 pop3=127.0.0.1:110\n"
	      "al:{PLAIN}x:smtp=127.0.0.1:25" } },
	  NULL, 0, -1 },
	/* (An auth_file with no entry at all is left out: pt_authfile_load
	 * then hands qsort() a NULL array, which UBSan reports - a finding
	 * for src/conf/authfile.c.) */
	{ "auth-file-missing", "mail { server { listen 143; auth_file /etc/users; } }\n",
	  "[emerg] open() \"/etc/users\" failed (2: No such file or directory) in "
	  "/etc/p/main.conf:1\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "auth-file-twice", "mail { auth_file users; auth_file users; }\n",
	  "[emerg] \"auth_file\" directive is duplicate in /etc/p/main.conf:1\n",
	  0, { { "/etc/p/users", "a:{PLAIN}x:imap=127.0.0.1:143\n" } }, NULL, 0, -1 },
	{ "auth-file-bad-line", "mail { auth_file users; }\n",
	  "[emerg] invalid entry in auth_file in /etc/p/users:2\n", 0,
	  { { "/etc/p/users", "a:{PLAIN}x:imap=127.0.0.1:143\nno colon here\n" } }, NULL, 0, -1 },
	{ "auth-file-duplicate", "mail { auth_file users; }\n",
	  "[emerg] duplicate user in auth_file, first on line 1 in /etc/p/users:3\n", 0,
	  { { "/etc/p/users", "a:{PLAIN}x:imap=127.0.0.1:143\nb:{PLAIN}y:imap=127.0.0.1:143\n"
	      "a:{PLAIN}z:imap=127.0.0.1:143\n" } }, NULL, 0, -1 },
	{ "auth-file-bad-address", "mail { auth_file users; }\n",
	  "[emerg] invalid backend address \"1.2.3.999\" in auth_file in /etc/p/users:1\n", 0,
	  { { "/etc/p/users", "a:{PLAIN}x:imap=1.2.3.999:143\n" } }, NULL, 0, -1 },
	{ "auth-file-v4-in-brackets", "mail { auth_file users; }\n",
	  "[emerg] invalid backend address \"1.2.3.4\" in auth_file in /etc/p/users:1\n", 0,
	  { { "/etc/p/users", "a:{PLAIN}x:smtp=[1.2.3.4]:25\n" } }, NULL, 0, -1 },

	/* ---- ssl_ciphers: the lexer's bounds, in the message ---- */
	{ "ciphers-long-name",
	  "mail { " AUTH "server { listen 993 ssl; ssl_certificate c.pem; ssl_certificate_key k.pem;\n"
	  " ssl_ciphers AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; } }\n",
	  "~: too long a name at offset 64 in /etc/p/main.conf:3\n", 0, { { 0 } }, NULL, 0, -1 },
	{ "ciphers-many-unknown",
	  "mail { " AUTH "server { listen 993 ssl; ssl_certificate c.pem; ssl_certificate_key k.pem;\n"
	  " ssl_ciphers U1:U2:U3:U4:U5:U6:U7:U8:U9:U10:ECDHE-RSA-AES128-GCM-SHA256; } }\n",
	  "~[warn] unknown cipher \"U8\" in \"ssl_ciphers\" is ignored in /etc/p/main.conf:3\n"
	  "[warn] 2 more unknown ciphers in \"ssl_ciphers\" are ignored in /etc/p/main.conf:3\n",
	  1, { { 0 } }, NULL, 0, -1 },
	{ "ciphers-many-parts",
	  "mail { " AUTH "server { listen 993 ssl; ssl_certificate c.pem; ssl_certificate_key k.pem;\n"
	  " ssl_ciphers A+B+C+D+E+F+G+H+I; } }\n",
	  "[emerg] invalid \"ssl_ciphers\" value \"A+B+C+D+E+F+G+H+I\": too many names joined by "
	  "\"+\" at offset 16 in /etc/p/main.conf:3\n", 0, { { 0 } }, NULL, 0, -1 },
};

static void fill_words(void)
{
	size_t n = 0;

	/* "pid\naaaa...;" with a 4097-byte word: over PT_CONF_WORD_MAX. */
	memcpy(long_word, "pid\n", 4);
	memset(long_word + 4, 'a', 4097);
	memcpy(long_word + 4 + 4097, ";\n", 3);
	/* pid "aaa... with no closing quote within the bound */
	memcpy(long_quoted, "pid \"", 5);
	memset(long_quoted + 5, 'a', 4097);
	memcpy(long_quoted + 5 + 4097, "\";\n", 4);
	/* 65 words in one directive: over PT_CONF_DIRECTIVE_WORDS_MAX. */
	for (int i = 0; i < 65; i++)
		n += (size_t)snprintf(many_words + n, sizeof(many_words) - n, "w ");
	snprintf(many_words + n, sizeof(many_words) - n, ";\n");
	/* a unix socket path of 108 bytes: over sizeof(sun_path) - 1 */
	n = (size_t)snprintf(long_listen, sizeof(long_listen), "mail { server { listen unix:/");
	memset(long_listen + n, 'a', 107);
	snprintf(long_listen + n + 107, sizeof(long_listen) - n - 107, "; } }\n");
	snprintf(long_listen_msg, sizeof(long_listen_msg),
	         "[emerg] too long path in the unix domain socket in \"unix:/%.107s\" of the "
	         "\"listen\" directive in /etc/p/main.conf:1\n", long_listen + n);
	/* a host name of 300 bytes */
	n = (size_t)snprintf(long_host, sizeof(long_host), "mail { server { listen ");
	memset(long_host + n, 'h', 300);
	snprintf(long_host + n + 300, sizeof(long_host) - n - 300, ":143; } }\n");
}

PT_TEST(conf_error_table)
{
	fill_words();
	for (size_t i = 0; i < PT_COUNTOF(conf_cases); i++) {
		const struct ccase *c = &conf_cases[i];
		struct pt_conf *conf = t_load(c);
		int before = pt_test_failed_checks;

		if (c->ok)
			PT_CHECK(conf != NULL);
		else
			PT_CHECK(conf == NULL);
		if (c->msgs[0] == '~')
			PT_CHECK(strstr(T.msgs, c->msgs + 1) != NULL);
		else
			PT_CHECK_STR(T.msgs, c->msgs);
		if (pt_test_failed_checks != before)
			printf("    in case %s:\n%s", c->name, T.msgs);
		pt_conf_free(conf);
	}
}

PT_TEST(conf_proto_names)
{
	PT_CHECK_STR(pt_proto_name(PT_PROTO_IMAP), "imap");
	PT_CHECK_STR(pt_proto_name(PT_PROTO_POP3), "pop3");
	PT_CHECK_STR(pt_proto_name(PT_PROTO_SMTP), "smtp");
}

PT_TEST_MAIN(PT_TEST_ENTRY(conf_error_table), PT_TEST_ENTRY(conf_proto_names))
