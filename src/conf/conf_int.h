/*
 * conf_int.h - what the parts of src/conf share and nobody else sees.
 *
 * Flow: parse.c reads a file, runs the tokenizer (grammar/conf.rl) over it
 * into a token array, and walks that array block by block; every complete
 * directive is looked up in the table of directives.c and handed to its
 * setter, which writes a raw pt_conf_server (unset values are -1 / NULL) at
 * mail or server level.  When the walk is done, merge.c fills each server
 * from mail level and defaults and runs the checks nginx runs after parsing,
 * in nginx's order.
 */
#ifndef PT_CONF_INT_H
#define PT_CONF_INT_H

#include "conf/arena.h"
#include "conf/conf.h"
#include "util/limits.h"

#define PT_UNSET (-1)
/* Bitmask directives mark "given" with bit 0 (nginx's NGX_CONF_BITMASK_SET). */
#define PT_MASK_SET 1u

/* Where a directive may appear. */
#define PT_CTX_MAIN   0x01     /* top level of the main file */
#define PT_CTX_MAIL   0x02
#define PT_CTX_SRV    0x04
#define PT_CTX_EVENTS 0x08
#define PT_CTX_ANY    0x0f

/* How many arguments (after the name); nginx's NGX_CONF_* flags. */
#define PT_ARGS_NO    0x0001
#define PT_ARGS_1     0x0002
#define PT_ARGS_2     0x0004
#define PT_ARGS_3     0x0008
#define PT_ARGS_4     0x0010
#define PT_ARGS_12    (PT_ARGS_1 | PT_ARGS_2)
#define PT_ARGS_123   (PT_ARGS_1 | PT_ARGS_2 | PT_ARGS_3)
#define PT_ARGS_FLAG  0x0100
#define PT_ARGS_1MORE 0x0200
#define PT_ARGS_2MORE 0x0400
#define PT_ARGS_ANY   0x0800
#define PT_ARGS_BLOCK 0x1000   /* ends with "{" rather than ";" */

#define PT_CONF_ARGS_MAX 8     /* nginx's NGX_CONF_MAX_ARGS */

struct pt_conf_tokv;

struct pt_conf_parser {
	const struct pt_conf_io *io;
	struct pt_conf *conf;
	struct pt_conf_arena *arena;
	const char *file;           /* NULL while parsing -g ("in command line") */
	unsigned line;
	int depth;                  /* include depth */
	int ctx;                    /* PT_CTX_* of the block being read */
	int failed;

	/* Raw values: mail level, and the server being read. */
	struct pt_conf_server *mail;
	struct pt_conf_server *srv;
	struct pt_conf_server **servers;
	size_t n_servers, cap_servers;
	struct pt_conf_listen **listens;
	size_t n_listens, cap_listens;
	struct pt_conf_file *files;
	size_t n_files, cap_files;

	struct pt_conf_tokv *tv;     /* tokens of the file being read */
};

/* The words of one directive: argv[0] is its name. */
struct pt_conf_args {
	const char *argv[PT_CONF_DIRECTIVE_WORDS_MAX];
	size_t len[PT_CONF_DIRECTIVE_WORDS_MAX];
	size_t argc;
	int block;                  /* ended with "{" */
};

struct pt_conf_dir;
typedef const char *(*pt_conf_set_fn)(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                      const struct pt_conf_args *a);

#define PT_CONF_SETTER(name) \
	const char *name(struct pt_conf_parser *P, const struct pt_conf_dir *d, \
	                 const struct pt_conf_args *a)

/* A setter returns NULL (done), PT_CONF_FAIL (already reported), or a
 * short text that becomes "\"name\" directive <text>". */
#define PT_CONF_FAIL ((const char *)-1)

struct pt_conf_enum {
	const char *name;
	uint32_t value;
};

/* The type of a mail{}/server{} field, which drives the generic merge. */
enum pt_conf_kind {
	PT_K_NONE,      /* merged by hand in merge.c */
	PT_K_FLAG,      /* int */
	PT_K_ENUM,      /* int */
	PT_K_NUM,       /* int64_t */
	PT_K_SIZE,      /* int64_t */
	PT_K_MSEC,      /* int64_t */
	PT_K_SEC,       /* int64_t */
	PT_K_MASK,      /* uint32_t, bit 0 = given */
	PT_K_STR,       /* struct pt_str */
	PT_K_LIST,      /* struct pt_strlist */
	PT_K_KEYVAL     /* struct pt_conf_hdrlist */
};

struct pt_conf_dir {
	const char *name;
	int ctx;
	int args;
	pt_conf_set_fn set;
	enum pt_conf_kind kind;
	size_t off;                     /* field in pt_conf_server */
	const struct pt_conf_enum *values;   /* enum / bitmask words, NULL-terminated */
	int64_t def;                    /* default for numbers, flags, enums, masks */
	const char *def_str;            /* default string or space-separated list */
};

extern const struct pt_conf_dir pt_conf_dirs[];
extern const size_t pt_conf_n_dirs;

/* parse.c */
void pt_conf_error(struct pt_conf_parser *P, enum pt_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pt_conf_error_at(struct pt_conf_parser *P, enum pt_log_level lvl, const char *file,
                      unsigned line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int pt_conf_parse_file(struct pt_conf_parser *P, const char *path);
int pt_conf_parse_params(struct pt_conf_parser *P, const char *params);
int pt_conf_parse_block(struct pt_conf_parser *P, int ctx);
char *pt_conf_full_name(struct pt_conf_parser *P, const char *name, int conf_prefix);
const char *pt_conf_sys_error(struct pt_conf_parser *P, int err);

/* directives.c */
struct pt_conf_server *pt_conf_server_new(struct pt_conf_parser *P);
struct pt_conf_server *pt_conf_cur(struct pt_conf_parser *P);
void *pt_conf_field(struct pt_conf_server *s, const struct pt_conf_dir *d);
const void *pt_conf_field_c(const struct pt_conf_server *s, const struct pt_conf_dir *d);
/* "on"/"off" into *f; "is duplicate" when already set */
const char *pt_conf_set_onoff(struct pt_conf_parser *P, const struct pt_conf_args *a, int *f);

/* values.c: nginx's ngx_parse_size / ngx_parse_time; -1 on error */
int64_t pt_conf_parse_size(const char *s, size_t n);
int64_t pt_conf_parse_time(const char *s, size_t n, int is_sec);
int64_t pt_conf_parse_num(const char *s, size_t n);
int pt_conf_parse_addr(const char *s, size_t n, struct pt_addr *out);
void pt_conf_addr_text(struct pt_addr *a);

/* listen.c */
PT_CONF_SETTER(pt_conf_set_listen);
PT_CONF_SETTER(pt_conf_set_auth_file);
/* ngx_parse_url's address part: [v6]:port, addr[:port], host[:port] (resolved),
 * unix:path.  With port_hi (listen), also a bare port and port ranges
 * "lo-hi" (*port_hi = hi; out[].port = lo).  Returns the count of addresses
 * or -1 with *err set to nginx's text ("invalid port", "host not found"...). */
int pt_conf_parse_url_addr(struct pt_conf_parser *P, const char *s, uint16_t default_port,
                           uint16_t *port_hi, struct pt_addr *out, int max, const char **err);
const char *pt_conf_set_listen(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                               const struct pt_conf_args *a);

/* directives_core.c: setters of the directives that are more than a value */
PT_CONF_SETTER(pt_conf_set_include);
PT_CONF_SETTER(pt_conf_set_mail);
PT_CONF_SETTER(pt_conf_set_server);
PT_CONF_SETTER(pt_conf_set_ignored_block);
PT_CONF_SETTER(pt_conf_set_load_module);
PT_CONF_SETTER(pt_conf_set_user);
PT_CONF_SETTER(pt_conf_set_worker_processes);
PT_CONF_SETTER(pt_conf_set_pid);
PT_CONF_SETTER(pt_conf_set_error_log);
PT_CONF_SETTER(pt_conf_set_protocol);
PT_CONF_SETTER(pt_conf_set_resolver);
PT_CONF_SETTER(pt_conf_set_auth_http);
PT_CONF_SETTER(pt_conf_set_real_ip_from);
PT_CONF_SETTER(pt_conf_set_access);
PT_CONF_SETTER(pt_conf_set_starttls);
PT_CONF_SETTER(pt_conf_set_session_cache);
PT_CONF_SETTER(pt_conf_set_events);
PT_CONF_SETTER(pt_conf_set_worker_connections);
PT_CONF_SETTER(pt_conf_set_shutdown_timeout);
PT_CONF_SETTER(pt_conf_set_ignored);
PT_CONF_SETTER(pt_conf_set_access_log);
PT_CONF_SETTER(pt_conf_set_rlimit_nofile);
PT_CONF_SETTER(pt_conf_set_daemon);

/* directives_limits.c: status_listen and the limits (postern extensions) */
PT_CONF_SETTER(pt_conf_set_status_listen);
PT_CONF_SETTER(pt_conf_set_limit_conn);
PT_CONF_SETTER(pt_conf_set_limit_login);
PT_CONF_SETTER(pt_conf_set_limit_zone_size);

/* merge.c */
int pt_conf_check_mail(struct pt_conf_parser *P);   /* when mail{} ends */
int pt_conf_finish(struct pt_conf_parser *P);

/* merge_ciphers.c: servers[i]'s ssl_suites from its merged ssl_ciphers;
 * -1 (reported) when a server that speaks TLS has a bad string. */
int pt_conf_check_ciphers(struct pt_conf_parser *P, size_t i);

#endif
