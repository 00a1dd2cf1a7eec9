/*
 * resolver.c - the SMTP client-name check (nginx's "resolver"): a PTR
 * lookup of the client address, then a forward lookup of the name found,
 * which must give the client address back.  c-ares does the DNS, driven
 * by the worker's libev loop: its sockets are watched through
 * ARES_OPT_SOCK_STATE_CB, its retransmissions by one ev_timer per channel
 * set from ares_timeout().  No threads, no blocking call.
 *
 * Implementation notes
 * - One channel per SMTP server with "resolver" on: the name servers and
 *   resolver_timeout are per server.
 * - ares_query(), not ares_gethostbyaddr()/ares_gethostbyname(): those two
 *   fold every failure into ARES_ENOTFOUND, look in /etc/hosts and take a
 *   name that is an address literal as already resolved.  nginx asks DNS
 *   only and tells NXDOMAIN ([UNAVAILABLE]) from SERVFAIL or a timeout
 *   ([TEMPUNAVAIL]), so the raw status is needed.
 * - One struct pt_lookup per lookup, handed to c-ares as the query's arg.
 *   The query in flight owns it: it is freed in the query's callback (or
 *   at once when no query could be sent).  The connection only points at
 *   it; closing the connection, or the deadline, detaches the two
 *   (lookup->c = NULL) and the callback then just frees it.  ares_cancel()
 *   would end every query of the channel, other sessions' too.
 * - resolver_timeout is enforced by our own timer per step (PTR, then the
 *   forward lookup), as nginx gives each its own: c-ares's per-try timeout
 *   is set so that its tries end near the same time, and a query that
 *   outlives the deadline only frees its record when it ends.
 * - Answers never run inside pt_resolver_start(): when c-ares calls back
 *   at once (no server could be reached), the event reaches the core but
 *   the caller (conn.c's action loop) carries on with the actions itself.
 */
#include <arpa/inet.h>
#include <arpa/nameser.h>     /* C_IN, T_PTR, T_A, T_AAAA */
#include <ares.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/errlog.h"
#include "shell/serve.h"
#include "util/buf.h"
#include "util/log.h"

#define PT_ARES_TRIES 2

struct pt_ares_sock {
	ev_io w;
	struct pt_resolver *R;
	int fd;
	struct pt_ares_sock *next;
};

struct pt_resolver {
	struct pt_loop *L;
	const struct pt_conf_server *srv;
	ares_channel ch;
	int live;                       /* ares_init_options succeeded */
	ev_timer timer;                 /* c-ares's next retransmission or timeout */
	struct pt_ares_sock *socks;
	struct pt_lookup *starting;     /* the lookup inside pt_resolver_start() */
};

struct pt_lookup {
	struct pt_conn *c;              /* NULL once detached: the callback only frees */
	struct pt_resolver *R;
	ev_timer deadline;              /* resolver_timeout for the current step */
	int family;                     /* AF_INET or AF_INET6: the client's */
	uint8_t addr[16];
	char name[256];                 /* the PTR name, then the forward query's name */
};

/* ---- the channel's sockets and timer on the loop ------------------------------- */

static void pt_resolver_rearm(struct pt_resolver *R)
{
	struct timeval tv, *t;

	ev_timer_stop(R->L->loop, &R->timer);
	t = ares_timeout(R->ch, NULL, &tv);
	if (t == NULL)
		return;         /* no query in flight */
	ev_timer_set(&R->timer, (double)t->tv_sec + (double)t->tv_usec / 1e6, 0.);
	ev_timer_start(R->L->loop, &R->timer);
}

static void pt_resolver_on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_ares_sock *as = w->data;
	struct pt_resolver *R = as->R;
	int fd = as->fd;

	(void)loop;
	/* as may be freed inside ares_process_fd (the socket closes): only R after */
	ares_process_fd(R->ch, revents & EV_READ ? fd : ARES_SOCKET_BAD,
	                revents & EV_WRITE ? fd : ARES_SOCKET_BAD);
	pt_resolver_rearm(R);
}

static void pt_resolver_on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct pt_resolver *R = w->data;

	(void)loop;
	(void)revents;
	ares_process_fd(R->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	pt_resolver_rearm(R);
}

/* c-ares opens, re-aims and closes its sockets through this; it says so
 * before close(), so the watcher is stopped while the descriptor is still
 * the one epoll knows. */
static void pt_resolver_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct pt_resolver *R = data;
	struct pt_ares_sock **pp = &R->socks, *as;

	while (*pp && (*pp)->fd != fd)
		pp = &(*pp)->next;
	as = *pp;
	if (!readable && !writable) {
		if (as) {
			ev_io_stop(R->L->loop, &as->w);
			*pp = as->next;
			free(as);
		}
		return;
	}
	if (as == NULL) {
		as = calloc(1, sizeof(*as));
		if (as == NULL)
			return;     /* the query then ends by its timeout */
		as->R = R;
		as->fd = fd;
		as->next = R->socks;
		R->socks = as;
	}
	ev_io_stop(R->L->loop, &as->w);
	/* init again every time: descriptor numbers are reused for new sockets */
	ev_io_init(&as->w, pt_resolver_on_io, fd, (readable ? EV_READ : 0) | (writable ? EV_WRITE : 0));
	as->w.data = as;
	ev_io_start(R->L->loop, &as->w);
}

/* ---- setup ------------------------------------------------------------------------ */

static int pt_resolver_open(struct pt_resolver *R)
{
	const struct pt_conf_resolver *rc = &R->srv->resolver;
	struct ares_addr_port_node *nodes;
	struct ares_options o;
	int64_t per_try;
	int rv;

	ev_init(&R->timer, pt_resolver_on_timer);
	R->timer.data = R;
	memset(&o, 0, sizeof(o));
	/* No search list, no HOSTALIASES: the names asked are absolute.
	 * NOCHECKRESP: a SERVFAIL or REFUSED answer is the answer, as for
	 * nginx, and not "could not contact DNS servers" after c-ares has
	 * skipped every server that gave one. */
	o.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES | ARES_FLAG_NOCHECKRESP;
	/* c-ares doubles the timeout each round over the servers: tries of
	 * t, then 2t per server end after 3t per server */
	per_try = R->srv->resolver_timeout_ms / (3 * (int64_t)rc->n);
	o.timeout = per_try < 1 ? 1 : per_try > 1000000000 ? 1000000000 : (int)per_try;
	o.tries = PT_ARES_TRIES;
	o.sock_state_cb = pt_resolver_sock_state;
	o.sock_state_cb_data = R;
	rv = ares_init_options(&R->ch, &o, ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	                       ARES_OPT_SOCK_STATE_CB);
	if (rv != ARES_SUCCESS) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "ares_init_options() failed (%d: %s), "
		          "resolver in %s:%u", rv, ares_strerror(rv), R->srv->file, R->srv->line);
		return -1;
	}
	R->live = 1;
	nodes = calloc(rc->n, sizeof(*nodes));
	if (nodes == NULL)
		return -1;
	for (size_t i = 0; i < rc->n; i++) {
		const struct pt_addr *a = &rc->addrs[i];
		nodes[i].next = i + 1 < rc->n ? &nodes[i + 1] : NULL;
		nodes[i].family = a->family == 6 ? AF_INET6 : AF_INET;
		if (a->family == 6)
			memcpy(&nodes[i].addr.addr6, a->ip, 16);
		else
			memcpy(&nodes[i].addr.addr4, a->ip, 4);
		nodes[i].udp_port = nodes[i].tcp_port = a->port;
	}
	rv = ares_set_servers_ports(R->ch, nodes);
	free(nodes);
	if (rv != ARES_SUCCESS) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "ares_set_servers_ports() failed (%d: %s), "
		          "resolver in %s:%u", rv, ares_strerror(rv), R->srv->file, R->srv->line);
		return -1;
	}
	return 0;
}

int pt_resolver_init(struct pt_loop *L)
{
	const struct pt_conf *conf = L->conf;
	int need = 0;

	for (size_t i = 0; i < conf->n_servers; i++)
		need |= conf->servers[i].protocol == PT_PROTO_SMTP && conf->servers[i].resolver.set == 1;
	if (!need)
		return 0;
	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "ares_library_init() failed");
		return -1;
	}
	L->ares_up = 1;
	L->resolvers = calloc(conf->n_servers + 1, sizeof(*L->resolvers));
	if (L->resolvers == NULL)
		return -1;
	for (size_t i = 0; i < conf->n_servers; i++) {
		const struct pt_conf_server *s = &conf->servers[i];
		struct pt_resolver *R;
		if (s->protocol != PT_PROTO_SMTP || s->resolver.set != 1)
			continue;
		R = calloc(1, sizeof(*R));
		if (R == NULL)
			return -1;
		L->resolvers[i] = R;
		R->L = L;
		R->srv = s;
		if (pt_resolver_open(R))
			return -1;
	}
	return 0;
}

/* After every connection has been closed: ares_destroy() ends the queries
 * still in flight (their callbacks free the lookups) and closes the
 * sockets through the state callback. */
void pt_resolver_done(struct pt_loop *L)
{
	for (size_t i = 0; L->resolvers && i < L->conf->n_servers; i++) {
		struct pt_resolver *R = L->resolvers[i];
		if (R == NULL)
			continue;
		if (R->live) {
			ares_destroy(R->ch);
			ev_timer_stop(L->loop, &R->timer);
		}
		while (R->socks) {
			struct pt_ares_sock *as = R->socks;
			ev_io_stop(L->loop, &as->w);
			R->socks = as->next;
			free(as);
		}
		free(R);
	}
	free(L->resolvers);
	L->resolvers = NULL;
	if (L->ares_up)
		ares_library_cleanup();
	L->ares_up = 0;
}

/* ---- one lookup ------------------------------------------------------------------- */

/* nginx's ngx_resolver_strerror() codes and texts, for its log lines;
 * 0 for a failure nginx has no code for (c-ares's text then). */
static int pt_resolver_code(int status, const char **text)
{
	switch (status) {
	case ARES_EFORMERR:
		*text = "Format error";
		return 1;
	case ARES_ESERVFAIL:
		*text = "Server failure";
		return 2;
	case ARES_ENOTFOUND:
	case ARES_ENODATA:      /* nginx takes an empty answer for NXDOMAIN */
		*text = "Host not found";
		return 3;
	case ARES_ENOTIMP:
		*text = "Unimplemented";
		return 4;
	case ARES_EREFUSED:
		*text = "Operation refused";
		return 5;
	case ARES_ETIMEOUT:
		*text = "Operation timed out";
		return 110;
	default:
		*text = ares_strerror(status);
		return 0;
	}
}

/* A DNS name for a log line: the bytes came from a stranger's PTR record. */
static const char *pt_resolver_esc(const char *name, char *buf, size_t cap)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, buf, cap);
	if (pt_log_put_escaped(&w, name, strlen(name), 128) || pt_wbuf_cstr(&w) == NULL)
		return "(too long)";
	return buf;
}

static void pt_lookup_detach(struct pt_lookup *q)
{
	ev_timer_stop(q->R->L->loop, &q->deadline);
	if (q->c)
		q->c->lookup = NULL;
	q->c = NULL;
}

/* Hand the core its answer.  q stays allocated: whoever holds it frees it. */
static void pt_lookup_answer(struct pt_lookup *q, const char *host)
{
	struct pt_conn *c = q->c;
	int inside_start = q->R->starting == q;
	struct pt_event ev;
	char esc[600];

	pt_lookup_detach(q);
	PT_CLOG(c, PT_LOG_DEBUG, "client host for the core: \"%s\"",
	        pt_resolver_esc(host, esc, sizeof(esc)));
	memset(&ev, 0, sizeof(ev));
	ev.type = PT_EV_CLIENT_HOST;
	ev.u.line.p = host;
	ev.u.line.len = strlen(host);
	pt_session_event(c->s, &ev, pt_loop_now_ms(c->L));
	if (!inside_start)
		pt_conn_run(c);     /* may close c */
}

static void pt_lookup_failed(struct pt_lookup *q, int status, int forward)
{
	const char *text;
	int code = pt_resolver_code(status, &text);
	char esc[600], num[16] = "";

	if (code)
		snprintf(num, sizeof(num), "%d: ", code);
	if (forward)
		PT_CLOG(q->c, PT_LOG_ERR, "\"%s\" could not be resolved (%s%s)",
		        pt_resolver_esc(q->name, esc, sizeof(esc)), num, text);
	else
		PT_CLOG(q->c, PT_LOG_ERR, "%s could not be resolved (%s%s)", q->c->client_ip, num, text);
	pt_lookup_answer(q, code == 3 ? "[UNAVAILABLE]" : "[TEMPUNAVAIL]");
}

static void pt_lookup_on_deadline(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct pt_lookup *q = w->data;

	(void)loop;
	(void)revents;
	/* the query stays with c-ares until it ends; its callback frees q */
	pt_lookup_failed(q, ARES_ETIMEOUT, q->name[0] != '\0');
}

static void pt_lookup_arm(struct pt_lookup *q)
{
	struct ev_loop *loop = q->R->L->loop;

	ev_timer_stop(loop, &q->deadline);
	ev_timer_set(&q->deadline, (double)q->R->srv->resolver_timeout_ms / 1000.0, 0.);
	ev_timer_start(loop, &q->deadline);
}

static int pt_lookup_same_addr(const struct pt_lookup *q, const struct hostent *h)
{
	size_t len = q->family == AF_INET6 ? 16 : 4;

	if (h->h_addrtype != q->family || (size_t)h->h_length != len)
		return 0;
	for (char **a = h->h_addr_list; *a; a++) {
		if (pt_errlog_enabled(PT_LOG_DEBUG)) {
			char txt[INET6_ADDRSTRLEN];
			inet_ntop(q->family, *a, txt, sizeof(txt));
			PT_CLOG(q->c, PT_LOG_DEBUG, "name was resolved to %s", txt);
		}
		if (memcmp(*a, q->addr, len) == 0)
			return 1;
	}
	return 0;
}

static void pt_lookup_on_addr(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct pt_lookup *q = arg;
	struct hostent *h = NULL;
	char esc[600];

	(void)timeouts;
	/* detached, or the channel is going away (after every connection
	 * was closed; nothing here cancels queries) */
	if (q->c == NULL || status == ARES_EDESTRUCTION || status == ARES_ECANCELLED) {
		if (q->c)
			pt_lookup_detach(q);
		free(q);
		return;
	}
	if (status == ARES_SUCCESS)
		status = q->family == AF_INET6 ? ares_parse_aaaa_reply(abuf, alen, &h, NULL, NULL)
		                               : ares_parse_a_reply(abuf, alen, &h, NULL, NULL);
	if (status != ARES_SUCCESS) {
		pt_lookup_failed(q, status, 1);
	} else if (pt_lookup_same_addr(q, h)) {
		/* the core checks the name's bytes before it goes anywhere */
		pt_lookup_answer(q, q->name);
	} else {
		PT_CLOG(q->c, PT_LOG_INFO, "\"%s\" does not resolve to the client address",
		        pt_resolver_esc(q->name, esc, sizeof(esc)));
		pt_lookup_answer(q, "[UNAVAILABLE]");
	}
	if (h)
		ares_free_hostent(h);
	free(q);
}

static void pt_lookup_on_ptr(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct pt_lookup *q = arg;
	const struct pt_conf_resolver *rc;
	struct hostent *h = NULL;
	char esc[600];
	size_t n;

	(void)timeouts;
	if (q->c == NULL || status == ARES_EDESTRUCTION || status == ARES_ECANCELLED) {
		if (q->c)
			pt_lookup_detach(q);
		free(q);
		return;
	}
	if (status == ARES_SUCCESS)
		status = ares_parse_ptr_reply(abuf, alen, q->addr, q->family == AF_INET6 ? 16 : 4,
		                              q->family, &h);
	if (status != ARES_SUCCESS) {
		pt_lookup_failed(q, status, 0);
		free(q);
		return;
	}
	n = h->h_name ? strlen(h->h_name) : 0;
	if (n == 0 || n >= sizeof(q->name)) {
		/* nginx: an invalid name is a temporary failure */
		PT_CLOG(q->c, PT_LOG_ERR, "%s could not be resolved (invalid name)", q->c->client_ip);
		ares_free_hostent(h);
		pt_lookup_answer(q, "[TEMPUNAVAIL]");
		free(q);
		return;
	}
	memcpy(q->name, h->h_name, n + 1);
	ares_free_hostent(h);
	PT_CLOG(q->c, PT_LOG_DEBUG, "address resolved: \"%s\"",
	        pt_resolver_esc(q->name, esc, sizeof(esc)));

	/* The forward check only in the client's family: with that family
	 * off, no address can match. */
	rc = &q->R->srv->resolver;
	if ((q->family == AF_INET && !rc->ipv4) || (q->family == AF_INET6 && !rc->ipv6)) {
		PT_CLOG(q->c, PT_LOG_INFO, "\"%s\" not checked: ipv%c=off in the resolver",
		        pt_resolver_esc(q->name, esc, sizeof(esc)), q->family == AF_INET ? '4' : '6');
		pt_lookup_answer(q, "[UNAVAILABLE]");
		free(q);
		return;
	}
	pt_lookup_arm(q);
	/* last use of q here: the callback may run (and free q) inside */
	ares_query(q->R->ch, q->name, C_IN, q->family == AF_INET6 ? T_AAAA : T_A, pt_lookup_on_addr, q);
}

/* "4.3.2.1.in-addr.arpa" or the 32 nibbles under "ip6.arpa". */
static void pt_lookup_ptr_name(const struct pt_lookup *q, char *out, size_t cap)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, out, cap);
	if (q->family == AF_INET) {
		pt_wbuf_fmt(&w, "%u.%u.%u.%u.in-addr.arpa", q->addr[3], q->addr[2], q->addr[1],
		            q->addr[0]);
	} else {
		static const char hex[] = "0123456789abcdef";
		for (int i = 15; i >= 0; i--) {
			pt_wbuf_putc(&w, (uint8_t)hex[q->addr[i] & 15]);
			pt_wbuf_putc(&w, '.');
			pt_wbuf_putc(&w, (uint8_t)hex[q->addr[i] >> 4]);
			pt_wbuf_putc(&w, '.');
		}
		pt_wbuf_puts(&w, "ip6.arpa");
	}
	pt_wbuf_cstr(&w);   /* cap is ample for both forms */
}

void pt_resolver_start(struct pt_conn *c)
{
	struct pt_loop *L = c->L;
	struct pt_resolver *R = NULL;
	struct pt_lookup *q;
	char ptr[80];
	size_t si = (size_t)(c->srv - L->conf->servers);
	struct pt_event ev;
	const char *now = NULL;

	if (L->resolvers)
		R = L->resolvers[si];
	if (R == NULL) {
		now = "[UNAVAILABLE]";      /* nginx's answer without a resolver */
	} else if (strncmp(c->client_ip, "unix:", 5) == 0) {
		now = "[TEMPUNAVAIL]";      /* nginx's answer for a unix socket */
	}
	q = now ? NULL : calloc(1, sizeof(*q));
	if (q == NULL && now == NULL)
		now = "[TEMPUNAVAIL]";
	if (q) {
		q->R = R;
		if (inet_pton(AF_INET6, c->client_ip, q->addr) == 1) {
			q->family = AF_INET6;
		} else if (inet_pton(AF_INET, c->client_ip, q->addr) == 1) {
			q->family = AF_INET;
		} else {
			free(q);
			q = NULL;
			now = "[TEMPUNAVAIL]";
		}
	}
	if (q == NULL) {
		memset(&ev, 0, sizeof(ev));
		ev.type = PT_EV_CLIENT_HOST;
		ev.u.line.p = now;
		ev.u.line.len = strlen(now);
		pt_session_event(c->s, &ev, pt_loop_now_ms(L));
		return;
	}
	q->c = c;
	c->lookup = q;
	ev_init(&q->deadline, pt_lookup_on_deadline);
	q->deadline.data = q;
	pt_lookup_arm(q);
	pt_lookup_ptr_name(q, ptr, sizeof(ptr));
	PT_CLOG(c, PT_LOG_DEBUG, "resolve: \"%s\" PTR", ptr);
	R->starting = q;
	ares_query(R->ch, ptr, C_IN, T_PTR, pt_lookup_on_ptr, q);
	R->starting = NULL;
	pt_resolver_rearm(R);
}

/* The connection is closing: its lookup, if any, must not reach it. */
void pt_resolver_cancel(struct pt_conn *c)
{
	if (c->lookup)
		pt_lookup_detach(c->lookup);
}
