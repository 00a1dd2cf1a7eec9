/*
 * conf.h - postern's configuration: nginx's mail{} language in, one
 * validated, immutable struct pt_conf out.
 *
 * pt_conf_load() reads the main file (and its includes) through the
 * callbacks in struct pt_conf_io, so this layer never opens a file or a
 * socket itself: the shell passes real file access, the fuzz target and the
 * tests pass memory.  Every error is reported once, through io->msg, in
 * nginx's form ("unknown directive \"foo\" in conf/x.conf:12"), and the load
 * fails; the caller prints "postern: [emerg] " before it.
 *
 * Memory: everything a pt_conf points to lives in its own arena and goes
 * with pt_conf_free().  After load nothing is written: workers may share it.
 *
 * Server values are merged as nginx does: a server{} value wins, else the
 * mail{} value, else the default; lists (capabilities, auth_http_header,
 * ssl_certificate, ...) given in a server replace the mail-level list.
 */
#ifndef PT_CONF_CONF_H
#define PT_CONF_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "util/log.h"

struct pt_str {
	const char *p;          /* NUL-terminated; NULL when unset */
	size_t len;
};

struct pt_strlist {
	const struct pt_str *v;
	size_t n;
};

/* Protocols, with their nginx names (protocol directive, Auth-Protocol). */
#define PT_PROTOS(X) \
	X(PT_PROTO_NONE, "none") \
	X(PT_PROTO_IMAP, "imap") \
	X(PT_PROTO_POP3, "pop3") \
	X(PT_PROTO_SMTP, "smtp") \
	X(PT_PROTO_SIEVE, "sieve")
enum pt_proto { PT_PROTOS(PT_ENUM_ITEM) };
/* 1 when the protocol is built in (make WITHOUT=... leaves some out). */
int pt_conf_proto_built(enum pt_proto p);
const char *pt_proto_name(enum pt_proto p);

#define PT_STARTTLS_OFF  0
#define PT_STARTTLS_ON   1
#define PT_STARTTLS_ONLY 2

/* Authentication methods (imap_auth, pop3_auth, smtp_auth bits). */
#define PT_AUTH_PLAIN    (1u << 1)
#define PT_AUTH_LOGIN    (1u << 2)
#define PT_AUTH_APOP     (1u << 3)
#define PT_AUTH_CRAM_MD5 (1u << 4)
#define PT_AUTH_EXTERNAL (1u << 5)
#define PT_AUTH_NONE     (1u << 6)
#define PT_AUTH_XOAUTH2  (1u << 7)
#define PT_AUTH_OAUTHBEARER (1u << 8)

/* ssl_protocols bits. */
#define PT_TLS_SSLV2  (1u << 1)
#define PT_TLS_SSLV3  (1u << 2)
#define PT_TLS_V1     (1u << 3)
#define PT_TLS_V1_1   (1u << 4)
#define PT_TLS_V1_2   (1u << 5)
#define PT_TLS_V1_3   (1u << 6)

/* The TLS 1.2 suites postern offers, by IANA id (BearSSL's BR_TLS_* values
 * are the same numbers): ECDHE with AES-GCM or ChaCha20-Poly1305. */
#define PT_TLS_ECDHE_ECDSA_AES128_GCM_SHA256   0xC02Bu
#define PT_TLS_ECDHE_RSA_AES128_GCM_SHA256     0xC02Fu
#define PT_TLS_ECDHE_ECDSA_AES256_GCM_SHA384   0xC02Cu
#define PT_TLS_ECDHE_RSA_AES256_GCM_SHA384     0xC030u
#define PT_TLS_ECDHE_ECDSA_CHACHA20_POLY1305   0xCCA9u
#define PT_TLS_ECDHE_RSA_CHACHA20_POLY1305     0xCCA8u
#define PT_CONF_SUITES_MAX 6

#define PT_VERIFY_OFF            0
#define PT_VERIFY_ON             1
#define PT_VERIFY_OPTIONAL       2
#define PT_VERIFY_OPTIONAL_NO_CA 3

/* proxy_ssl (postern extension): TLS toward the backend */
#define PT_PROXY_SSL_OFF      0
#define PT_PROXY_SSL_ON       1         /* implicit TLS */
#define PT_PROXY_SSL_STARTTLS 2         /* the backend's STARTTLS / STLS */

#define PT_PROXY_PROTOCOL_OFF 0
#define PT_PROXY_PROTOCOL_ON  1
#define PT_PROXY_PROTOCOL_V2  2

/* limit_login_per_*: nginx's limit_req rate in thousandths of a request a
 * second and the burst, in one value so that the generic merge carries it. */
#define PT_CONF_RATE(mrps, burst) ((int64_t)(((uint64_t)(mrps) << 20) | (uint64_t)(burst)))
#define PT_CONF_RATE_MRPS(v) ((uint64_t)(v) >> 20)
#define PT_CONF_RATE_BURST(v) ((uint64_t)(v) & 0xfffffu)

/* An address as the config names it; family 4, 6 or 'u' (unix path). */
struct pt_addr {
	int family;
	uint8_t ip[16];         /* network order; 4 bytes used for IPv4 */
	uint16_t port;
	struct pt_str path;     /* unix: */
	char text[128];         /* nginx's addr_text: "0.0.0.0:143", "[::1]:993", "unix:/p" */
};

/* An address/prefix for set_real_ip_from (family 'u' = "unix:"). */
struct pt_cidr {
	int family;
	uint8_t ip[16];
	uint8_t mask[16];
};

struct pt_conf_listen {
	struct pt_addr addr;
	int ssl;
	int proxy_protocol;
	int bind;               /* bind this address even when a wildcard shares its port */
	int ipv6only;           /* 1 (nginx default) or 0 */
	int backlog;            /* -1: nginx's default (511) */
	int64_t rcvbuf, sndbuf; /* -1: not set */
	int so_keepalive;       /* 0 unset, 1 on, 2 off */
	int keepidle, keepintvl, keepcnt;   /* seconds/count, 0 = system default */
	int multipath;
	const char *file;
	unsigned line;
	struct pt_conf_server *server;
};

/* One error_log destination (top, mail or server level). */
struct pt_conf_log {
	struct pt_str target;   /* file path (prefix applied), "stderr", "syslog:...", "memory:..." */
	enum pt_log_level level;
};

struct pt_conf_loglist {
	const struct pt_conf_log *v;
	size_t n;
};

struct pt_conf_header {
	struct pt_str name, value;
};

struct pt_conf_hdrlist {
	const struct pt_conf_header *v;
	size_t n;
};

struct pt_conf_cidrlist {
	const struct pt_cidr *v;
	size_t n;
};

/* allow/deny (postern extension, ngx_stream_access semantics): rules in
 * order, the first that matches the client decides, deny closes. */
struct pt_conf_access {
	int deny;
	int all;                /* "all": matches every client */
	struct pt_cidr cidr;    /* family 'u' for "unix:" */
};

struct pt_conf_accesslist {
	const struct pt_conf_access *v;
	size_t n;
};

/* auth_http URL: [http://]host[:port][/uri] or unix:path[:uri]. */
struct pt_conf_authurl {
	struct pt_str url;      /* as written */
	int unix_socket;
	struct pt_addr addr;    /* resolved at load, as nginx does */
	struct pt_str host;     /* for the Host header ("localhost" for unix:) */
	struct pt_str uri;      /* "/" by default */
};

/* auth_file (postern extension): built-in authentication, one entry per
 * user (src/proto/passwd.h has the file format). */
struct pt_conf_authuser {
	struct pt_str user;
	struct pt_str secret;           /* crypt(3) hash, "{PLAIN}...", or "" */
	struct pt_addr backend[4];      /* imap, pop3, smtp, sieve; family 0: none */
	unsigned line;
};

struct pt_conf_authfile {
	struct pt_str path;             /* NULL: not set */
	const struct pt_conf_authuser *v;   /* sorted by user, bytewise */
	size_t n;
};

struct pt_conf_resolver {
	int set;                /* 0: off */
	const struct pt_addr *addrs;
	size_t n;
	int64_t valid_sec;      /* -1: TTL from the answer */
	int ipv4, ipv6;
};

/* Every mail{}/server{} value, final after merge. */
struct pt_conf_server {
	enum pt_proto protocol;
	const char *file;       /* where server { was opened */
	unsigned line;

	struct pt_str server_name;
	int64_t timeout_ms;
	struct pt_conf_resolver resolver;
	int64_t resolver_timeout_ms;
	int64_t max_errors;
	struct pt_conf_loglist error_log;

	struct pt_conf_authurl auth_http;
	struct pt_conf_hdrlist auth_http_header;
	int64_t auth_http_timeout_ms;
	int auth_http_pass_client_cert;
	int auth_http_keepalive;                /* postern extension */
	struct pt_conf_authfile auth_file;      /* postern extension */

	int proxy;
	int64_t proxy_buffer;
	int64_t proxy_timeout_ms;
	int proxy_pass_error_message;
	int xclient;
	int proxy_smtp_auth;
	int proxy_imap_id;                      /* postern extension */
	int proxy_protocol;
	int proxy_ssl;                          /* PT_PROXY_SSL_*, postern extension */
	int proxy_ssl_verify;
	struct pt_str proxy_ssl_trusted_certificate;
	struct pt_str proxy_ssl_name;
	int proxy_ssl_server_name;

	struct pt_conf_cidrlist set_real_ip_from;
	struct pt_conf_accesslist access;       /* allow/deny, in order */
	/* access_log (postern extension): one line per finished session */
	struct pt_str access_log;               /* path; NULL: off */
	int access_log_json;
	int access_log_set;

	int starttls;
	struct pt_strlist ssl_certificate;
	struct pt_strlist ssl_certificate_key;
	struct pt_str ssl_password_file;
	int ssl_certificate_compression;
	struct pt_str ssl_dhparam;
	struct pt_str ssl_ecdh_curve;
	uint32_t ssl_protocols;
	int ssl_protocols_given;                /* named in the file (mail or server) */
	struct pt_str ssl_ciphers;
	const char *ssl_ciphers_file;           /* where it was given; NULL: not given */
	unsigned ssl_ciphers_line;
	/* ssl_ciphers mapped onto the suites above (src/conf/ciphers.h), in
	 * the order it gives; not given: all six, AES-GCM first.  Checked
	 * (at least one) for servers that speak TLS only, as nginx does. */
	uint16_t ssl_suites[PT_CONF_SUITES_MAX];
	size_t n_ssl_suites;
	int ssl_prefer_server_ciphers;
	struct pt_strlist ssl_session_cache;    /* the words as given; "none" by default */
	int ssl_session_tickets;
	struct pt_strlist ssl_session_ticket_key;
	int64_t ssl_session_timeout_sec;
	int ssl_verify_client;
	int64_t ssl_verify_depth;
	struct pt_str ssl_client_certificate;
	struct pt_str ssl_trusted_certificate;
	struct pt_str ssl_crl;
	struct pt_conf_hdrlist ssl_conf_command;

	uint32_t imap_auth;
	struct pt_strlist imap_capabilities;
	int64_t imap_client_buffer;
	uint32_t pop3_auth;
	struct pt_strlist pop3_capabilities;
	int64_t pop3_client_buffer;     /* postern extension: nginx's is a fixed 128 */
	/* ManageSieve (RFC 5804): postern extension, nginx has no sieve module */
	uint32_t sieve_auth;
	struct pt_strlist sieve_capabilities;
	int64_t sieve_client_buffer;
	uint32_t smtp_auth;
	struct pt_strlist smtp_capabilities;
	int64_t smtp_client_buffer;
	int64_t smtp_greeting_delay_ms;

	/* Limits (postern extensions, conf/directives_limits.c), counted
	 * across the workers; 0: off.  A rate is PT_CONF_RATE(mrps, burst). */
	int64_t limit_conn_per_ip;
	int64_t limit_conn_per_server;
	int64_t limit_login_per_ip;
	int64_t limit_login_per_user;

	const struct pt_conf_listen *const *listen;   /* this server's listens */
	size_t n_listen;

	/* Where TLS was asked for ("listen ... ssl" or starttls), for the
	 * certificate check's message. */
	const char *ssl_file;
	unsigned ssl_line;
	int ssl_listen;
};

struct pt_conf_file {
	const char *path;
	const char *data;       /* the bytes as read, for -T */
	size_t len;
};

struct pt_conf {
	/* top level */
	struct pt_str user, group;          /* unset: run as the invoking user */
	int64_t worker_processes;           /* 0 = auto */
	int64_t worker_connections;         /* events { worker_connections }: 512 */
	int64_t worker_shutdown_timeout_ms; /* 0: none */
	int64_t worker_rlimit_nofile;       /* 0: leave the limit as it is */
	int daemon;                         /* nginx's default: on */
	struct pt_str pid;
	struct pt_conf_loglist error_log;
	int has_mail;
	int has_events;
	/* postern extensions at mail level (conf/directives_limits.c) */
	struct pt_addr status_listen;       /* family 0: none */
	int64_t limit_zone_size;            /* 0: not given (PT_LIMTAB_ZONE_DEFAULT) */

	const struct pt_conf_server *servers;
	size_t n_servers;
	const struct pt_conf_listen *listens;   /* all of them, in config order */
	size_t n_listens;

	const struct pt_conf_file *files;   /* every file read, in order */
	size_t n_files;

	/* Paths in ssl_* directives are kept as written (nginx prints them so);
	 * a relative one is taken under conf_prefix, the main file's directory. */
	const char *prefix;
	const char *conf_prefix;

	struct pt_conf_arena *arena;
};

/* What the conf layer needs from its host.  All callbacks are required
 * unless marked optional. */
struct pt_conf_io {
	void *ctx;
	/* Read a whole file into memory the callee owns until pt_conf_load
	 * returns (it copies).  0 ok; else an errno value for the message. */
	int (*read_file)(void *ctx, const char *path, const char **data, size_t *len);
	/* Expand a glob pattern: call add(actx, path) per match in sorted order;
	 * 0 ok (no match is ok), else an errno value. */
	int (*glob)(void *ctx, const char *pattern,
	            int (*add)(void *actx, const char *path), void *actx);
	/* Resolve a host name to addresses (optional: without it only literals
	 * are accepted).  Fill up to max entries of out (family + ip), return
	 * the count, 0 when not found. */
	int (*resolve)(void *ctx, const char *host, struct pt_addr *out, int max);
	/* Messages: "notice"/"warn"/"emerg" text, " in file:line" included. */
	void (*msg)(void *ctx, enum pt_log_level level, const char *text);
	/* Does the user (1) and group (2) exist? 0 if both do; optional. */
	int (*check_user)(void *ctx, const char *user, const char *group);
	/* Text for an errno value (strerror); optional. */
	const char *(*strerror)(void *ctx, int err);
	const char *prefix;         /* -p: relative paths (pid, logs) start here; ends in '/' */
	const char *conf_prefix;    /* directory of the main file; includes start here; ends in '/' */
	const char *hostname;       /* the default server_name */
	int unprivileged;           /* not root: "user" is ignored with a warning, as nginx does */
	const char *params;         /* -g directives, or NULL */
};

/* Load and validate.  NULL on any error (already reported through io->msg). */
struct pt_conf *pt_conf_load(const struct pt_conf_io *io, const char *path);

/* Does srv speak TLS ("listen ... ssl" or starttls on|only)? */
int pt_conf_server_tls(const struct pt_conf_server *srv);
void pt_conf_free(struct pt_conf *conf);

#endif
