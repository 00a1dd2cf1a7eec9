/*
 * serve.h - the running proxy: one libev loop with the listeners, the
 * connections, the auth_http client (libcurl multi driven by the same
 * loop) and the signals.  The core decides; this layer only moves bytes
 * and time between sockets and struct pt_session.
 *
 * Implementation notes
 * - One struct pt_conn per client connection, its watchers embedded.
 *   Interest is derived from the core on every pass (pt_conn_update):
 *   read the client only when the core offers room, the backend likewise.
 * - Actions are taken in order.  A SEND that cannot finish (EAGAIN) parks
 *   the connection until the socket is writable; nothing after it runs
 *   before it is done, so a reply precedes its CLOSE or RELAY.
 * - After RELAY the core is out of the data path: two buffers carry bytes
 *   both ways with backpressure, half-close is passed on, proxy_timeout
 *   runs from the last byte either way.
 * - RESOLVE (SMTP with "resolver"): c-ares on the same loop, one channel
 *   per server (resolver.c); the answer comes back as PT_EV_CLIENT_HOST.
 */
#ifndef PT_SHELL_SERVE_H
#define PT_SHELL_SERVE_H

#include <ev.h>
#include <curl/curl.h>
#include <stdint.h>
#include <sys/socket.h>

#include "conf/conf.h"
#include "core/core.h"
#include "shell/coreconf.h"
#include "shell/tls.h"
#include "shell/tlsbackend.h"

struct pt_loop;
struct pt_resolver;     /* resolver.c: one c-ares channel */
struct pt_lookup;       /* resolver.c: one client-name lookup in flight */

struct pt_listener {
	ev_io w;
	int fd;
	const struct pt_conf_listen *ls;
	const struct pt_core_conf *core;
	struct pt_loop *L;
};

/* A peer as access rules and set_real_ip_from see it: family 4, 6 or 'u'
 * (unix socket); an IPv4-mapped IPv6 address counts as IPv4. */
struct pt_peer {
	int family;
	uint8_t ip[16];
	uint16_t port;
};

#define PT_AUTH_REPLY_MAX 2048     /* the status line and headers; the core takes 1024 */

struct pt_conn {
	struct pt_loop *L;
	struct pt_conn *prev, *next;
	uint64_t id;
	const struct pt_conf_server *srv;
	const struct pt_core_conf *core;
	const char *server_text;
	char client_ip[64];
	struct pt_peer client;      /* the peer, or who a trusted PROXY header named */
	struct pt_peer local;       /* the address the client reached */
	int access_pending;         /* allow/deny wait for the PROXY header */
	const struct pt_listener *li;

	int cfd, bfd;
	ev_io crd, cwr, brd, bwr;
	struct pt_tls *tls;         /* TLS with the client, once started */
	int tls_up_sent;            /* the core has had TLS_UP */
	struct pt_tls *btls;        /* TLS with the backend (proxy_ssl), once started */
	int btls_handshake;         /* 0, or the event its end brings: BACKEND_CONNECTED
	                             * (proxy_ssl on) or BACKEND_TLS_UP (starttls) */
	char backend_addr[64];      /* the backend's address, as Auth-Server gave it */
	ev_timer timer;             /* the core's deadline, or proxy_timeout when relaying */
	struct pt_session *s;
	void *mem;

	struct pt_action parked;    /* an action waiting for a writable socket */
	int has_parked;
	int connecting;

	struct pt_lookup *lookup;   /* the client-name lookup, while it runs */

	/* auth_http */
	CURL *easy;
	struct curl_slist *hdrs;
	char *reply;                /* PT_AUTH_REPLY_MAX while a transfer runs: header lines,
	                             * handed to the core when done */
	size_t reply_len;
	int reply_over;

	/* relay (relay.c): per direction the bytes read but not yet sent (the
	 * last _len of _cap), and the pipe of splice(2) once it carries bulk
	 * (-1 until then) with the bytes in it */
	int relaying;
	int c2b_pipe[2], b2c_pipe[2];
	size_t c2b_in_pipe, b2c_in_pipe;
	uint8_t *c2b, *b2c;
	size_t c2b_cap, b2c_cap, c2b_len, b2c_len;
	int c_eof, b_eof, c_shut, b_shut;
	uint64_t bytes_in, bytes_out;
	uint64_t started_ms;
	char backend_text[80];
	char user_text[128];        /* the login for the access log, once the session is gone */
	char context[300];          /* "server: ..., login: \"...\"" for log lines */
	/* limits.c: the counts this connection holds in the shared table (0: none) */
	uint64_t lim_ip_key, lim_srv_key;
	int tls_counted;            /* metrics: its handshake is counted */
};

struct pt_loop {
	struct ev_loop *loop;
	const struct pt_conf *conf;
	struct pt_coreconf *cores;      /* one per server */
	struct pt_listener *listeners;
	size_t n_listeners;
	struct pt_conn *conns;
	uint64_t next_id;
	CURLM *multi;
	ev_timer curl_timer;
	ev_signal sig_term, sig_int, sig_quit, sig_usr1;
	ev_timer shutdown_timer;        /* worker_shutdown_timeout after SIGQUIT */
	int stopping;
	size_t n_conns;
	int reserve_fd;                 /* given up to accept (and drop) when out of fds */
	int *alog_fd;                   /* access_log per server, -1: off */
	struct pt_resolver **resolvers; /* per server; NULL: no resolver (or not SMTP) */
	struct pt_tls_server *tls;      /* per server: its certificates (n_certs 0: no TLS) */
	struct pt_tls_backend *btls;    /* per server: proxy_ssl (mode off: none) */
	int ares_up;                    /* ares_library_init() done */
	ev_timer trim_timer;            /* hands freed login memory back (serve.c) */
	ev_timer accept_timer;          /* listening again after a pause (serve.c) */
	size_t accept_cap;              /* sessions this worker can hold: connections, descriptors */
	size_t released;                /* bytes of session memory freed since the last trim */
};

/* main.c calls this after a successful load; returns the exit status. */
/* fds: the listening sockets the master bound, one per conf->listens[i]. */
int pt_serve(const struct pt_conf *conf, const int *fds);
#define PT_LISTEN_BACKLOG 511   /* nginx's NGX_LISTEN_BACKLOG on Linux */
int pt_listen_open(const struct pt_conf_listen *ls);     /* the master's: fd, or -1 and errno */
int pt_serve_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx);   /* 0, or 1 after an [emerg] */

/* A session's log line goes to its server's error_log; nginx's context
 * suffix names the server and, once known, the login. */
#define PT_CLOG(c, lvl, ...)                                                              \
	pt_errlog_to((size_t)((c)->srv - (c)->L->conf->servers) + 1, (lvl), (c)->id,          \
	             (c)->client_ip, pt_conn_context(c), __VA_ARGS__)
const char *pt_conn_context(struct pt_conn *c);

/* connpool.c: a zeroed struct pt_conn (NULL: out of memory), and back. */
struct pt_conn *pt_connpool_get(void);
void pt_connpool_put(struct pt_conn *c);

/* conn.c */
void pt_conn_accept(struct pt_loop *L, struct pt_listener *li, int fd, const char *ip,
                    const struct pt_peer *peer);

/* serve.c */
void pt_serve_peer(const struct sockaddr_storage *ss, struct pt_peer *out);
void pt_serve_peer_unmap(struct pt_peer *p);
int pt_serve_cidr_match(const struct pt_cidr *c, const struct pt_peer *p);
int pt_serve_access(const struct pt_conf_server *srv, const struct pt_peer *p);
int pt_serve_trusted(const struct pt_conf_server *srv, const struct pt_peer *p);
void pt_serve_denied(const struct pt_listener *li, const char *ip);
void pt_serve_released(struct pt_loop *L, size_t n);
void pt_conn_close(struct pt_conn *c);
void pt_conn_run(struct pt_conn *c);

/* relay.c: the session after the login.  _start takes the client bytes
 * the login left over (0, or -1 out of memory); _pump moves what can move
 * and sets the watchers (c may be gone after it); _timer rearms
 * proxy_timeout. */
int pt_relay_start(struct pt_conn *c, const uint8_t *left, size_t n);
void pt_relay_pump(struct pt_conn *c);
/* The same for the directions an event woke only: client to backend (a
 * client read, room at the backend), backend to client. */
#define PT_RELAY_UP 1
#define PT_RELAY_DOWN 2
void pt_relay_pump_ways(struct pt_conn *c, int ways);
void pt_relay_timer(struct pt_conn *c);
uint64_t pt_loop_now_ms(struct pt_loop *L);

/* accesslog.c */
int pt_accesslog_open(struct pt_loop *L);
void pt_accesslog_close(struct pt_loop *L);
void pt_accesslog_prepare(const struct pt_conf *conf);
void pt_accesslog_write(struct pt_conn *c);

/* limits.c (postern extension): 1 when the client is refused */
int pt_limits_conn_server(struct pt_conn *c);
int pt_limits_conn_ip(struct pt_conn *c);
int pt_limits_login(struct pt_conn *c);
void pt_limits_release(struct pt_conn *c);
/* Master: a worker died holding connections; every count starts again. */
void pt_limits_reset_conns(void);

/* authhttp.c */
int pt_authhttp_init(struct pt_loop *L);
void pt_authhttp_done(struct pt_loop *L);
int pt_authhttp_start(struct pt_conn *c, const uint8_t *hdrs, size_t len);
void pt_authhttp_cancel(struct pt_conn *c);
void pt_auth_feed(struct pt_conn *c, const char *reply, size_t len);

/* authfile.c (postern extension) */
int pt_authfile_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx);
void pt_authfile_answer(struct pt_conn *c);

/* resolver.c */
int pt_resolver_init(struct pt_loop *L);        /* 0, or -1 */
void pt_resolver_done(struct pt_loop *L);       /* after every connection is closed */
/* Answers PT_ACT_RESOLVE with PT_EV_CLIENT_HOST: either at once (the event
 * is given to the core and the caller goes on with its actions), or later
 * from the loop (event, then pt_conn_run()). */
void pt_resolver_start(struct pt_conn *c);
void pt_resolver_cancel(struct pt_conn *c);     /* c is closing */

#endif
