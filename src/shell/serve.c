/*
 * serve.c - the loop: listeners from the config, accept, signals.
 * SIGTERM and SIGINT stop at once (sessions are closed); SIGQUIT stops
 * accepting and ends when the last session has ended.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "shell/errlog.h"
#include "shell/metrics.h"
#include "shell/serve.h"
#include "shell/shmlock.h"
#include "shell/tlscache.h"
#include "shell/tlsconf.h"


int pt_listen_open(const struct pt_conf_listen *ls)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int one = 1, fd;

	memset(&ss, 0, sizeof(ss));
	if (ls->addr.family == 'u') {
		struct sockaddr_un *su = (struct sockaddr_un *)&ss;
		su->sun_family = AF_UNIX;
		snprintf(su->sun_path, sizeof(su->sun_path), "%s", ls->addr.path.p);
		unlink(su->sun_path);   /* a socket left by an earlier run */
		sl = sizeof(*su);
	} else if (ls->addr.family == 6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(ls->addr.port);
		memcpy(&s6->sin6_addr, ls->addr.ip, 16);
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(ls->addr.port);
		memcpy(&s4->sin_addr, ls->addr.ip, 4);
		sl = sizeof(*s4);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* The master binds and the workers share the socket.  SO_REUSEPORT
	 * lets a reload bind a changed socket (ipv6only) beside the old one. */
	if (ls->addr.family != 'u')
		setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
	if (ls->addr.family == 6) {
		int v6only = ls->ipv6only;
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only));
	}
	if (ls->rcvbuf > 0) {
		int v = (int)ls->rcvbuf;
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	}
	if (ls->sndbuf > 0) {
		int v = (int)ls->sndbuf;
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	}
	if (ls->so_keepalive == 1) {
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
		/* so_keepalive=idle:intvl:cnt, inherited by accepted sockets */
		if (ls->keepidle)
			setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &ls->keepidle, sizeof(ls->keepidle));
		if (ls->keepintvl)
			setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &ls->keepintvl, sizeof(ls->keepintvl));
		if (ls->keepcnt)
			setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &ls->keepcnt, sizeof(ls->keepcnt));
	}
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0 ||
	    listen(fd, ls->backlog > 0 ? ls->backlog : PT_LISTEN_BACKLOG) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* An IPv4-mapped IPv6 peer is IPv4, as pt_serve_peer makes it. */
void pt_serve_peer_unmap(struct pt_peer *p)
{
	static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (p->family == 6 && memcmp(p->ip, v4mapped, 12) == 0) {
		memmove(p->ip, p->ip + 12, 4);
		memset(p->ip + 4, 0, 12);
		p->family = 4;
	}
}

void pt_serve_peer(const struct sockaddr_storage *ss, struct pt_peer *out)
{
	memset(out, 0, sizeof(*out));
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;
		out->family = 4;
		memcpy(out->ip, &s4->sin_addr, 4);
		out->port = ntohs(s4->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
		out->port = ntohs(s6->sin6_port);
		out->family = 6;
		memcpy(out->ip, &s6->sin6_addr, 16);
		pt_serve_peer_unmap(out);
	} else {
		out->family = 'u';
	}
}

int pt_serve_cidr_match(const struct pt_cidr *c, const struct pt_peer *p)
{
	if (c->family != p->family)
		return 0;
	for (int k = 0; p->family != 'u' && k < (p->family == 6 ? 16 : 4); k++)
		if ((p->ip[k] & c->mask[k]) != c->ip[k])
			return 0;
	return 1;
}

/* allow/deny (ngx_stream_access semantics): the first rule that matches
 * decides; no rule matching allows.  1 when the client may come in. */
int pt_serve_access(const struct pt_conf_server *srv, const struct pt_peer *p)
{
	const struct pt_conf_accesslist *l = &srv->access;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].all || pt_serve_cidr_match(&l->v[i].cidr, p))
			return !l->v[i].deny;
	return 1;
}

/* set_real_ip_from: may this peer name the client in a PROXY header? */
int pt_serve_trusted(const struct pt_conf_server *srv, const struct pt_peer *p)
{
	for (size_t i = 0; i < srv->set_real_ip_from.n; i++)
		if (pt_serve_cidr_match(&srv->set_real_ip_from.v[i], p))
			return 1;
	return 0;
}

void pt_serve_denied(const struct pt_listener *li, const char *ip)
{
	pt_errlog_to((size_t)(li->ls->server - li->L->conf->servers) + 1, PT_LOG_ERR, 0, ip,
	             li->ls->addr.text, "access forbidden by rule");
}

/* As nginx's ngx_accept_disabled: a worker holding 7/8 of what it can
 * leaves new connections to the other workers for a moment, so that one
 * worker of many does not take more than its descriptors allow while the
 * others idle (they all wait on the same sockets). */
#define PT_ACCEPT_PAUSE 0.05

static int pt_serve_near_full(const struct pt_loop *L)
{
	return L->conf->worker_processes != 1 && L->accept_cap > 0 &&
	       L->n_conns >= L->accept_cap - L->accept_cap / 8;
}

static void pt_serve_listen(struct pt_loop *L, int on)
{
	for (size_t i = 0; i < L->n_listeners; i++) {
		if (L->listeners[i].fd < 0)
			continue;
		if (on)
			ev_io_start(L->loop, &L->listeners[i].w);
		else
			ev_io_stop(L->loop, &L->listeners[i].w);
	}
}

static void pt_serve_on_accept_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct pt_loop *L = w->data;

	(void)loop;
	(void)revents;
	/* Listening again even if still near full, as nginx does: when every
	 * worker is, each still takes a connection now and then, within
	 * worker_connections and its descriptors. */
	if (!L->stopping)
		pt_serve_listen(L, 1);
}

static void pt_serve_on_accept(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_listener *li = w->data;

	(void)loop;
	(void)revents;
	for (int k = 0; k < 64; k++) {
		if (pt_serve_near_full(li->L)) {
			pt_serve_listen(li->L, 0);
			ev_timer_set(&li->L->accept_timer, PT_ACCEPT_PAUSE, 0.);
			ev_timer_start(li->L->loop, &li->L->accept_timer);
			return;
		}
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		struct pt_peer peer;
		char ip[64] = "unix:";
		int fd = accept4(li->fd, (struct sockaddr *)&ss, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if ((errno == EMFILE || errno == ENFILE) && li->L->reserve_fd >= 0) {
				/* out of descriptors: use the reserve to take the
				 * connection off the queue and close it, so the
				 * listener does not spin */
				close(li->L->reserve_fd);
				fd = accept(li->fd, NULL, NULL);
				if (fd >= 0)
					close(fd);
				li->L->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
				pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "accept() failed: out of file "
				          "descriptors, a connection was dropped");
				return;
			}
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "accept() failed (%d: %s)", errno,
				          strerror(errno));
			return;
		}
		if (li->L->n_conns >= (size_t)li->L->conf->worker_connections) {
			pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "%lld worker_connections are not enough",
			          (long long)li->L->conf->worker_connections);
			close(fd);
			continue;
		}
		if (ss.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, ip, sizeof(ip));
		else if (ss.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, ip, sizeof(ip));
		pt_serve_peer(&ss, &peer);
		/* Behind a trusted balancer, allow/deny judge the client the
		 * PROXY header names (pt_conn takes it from there). */
		if (!(li->ls->proxy_protocol && pt_serve_trusted(li->ls->server, &peer)) &&
		    !pt_serve_access(li->ls->server, &peer)) {
			pt_serve_denied(li, ip);
			close(fd);
			continue;
		}
		pt_conn_accept(li->L, li, fd, ip, &peer);
	}
}

static void pt_serve_stop_listening(struct pt_loop *L)
{
	ev_timer_stop(L->loop, &L->accept_timer);
	if (L->loop)
		pt_status_stop(L->loop);
	for (size_t i = 0; i < L->n_listeners; i++) {
		ev_io_stop(L->loop, &L->listeners[i].w);
		if (L->listeners[i].fd >= 0)
			close(L->listeners[i].fd);
		L->listeners[i].fd = -1;
	}
}

static void pt_serve_on_shutdown_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct pt_loop *L = w->data;

	(void)revents;
	pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "worker_shutdown_timeout: closing %zu sessions",
	          L->n_conns);
	while (L->conns)
		pt_conn_close(L->conns);
	ev_ref(loop);
	ev_break(loop, EVBREAK_ALL);
}

/* Give up root once the listeners are bound (nginx's "user"). */
static int pt_serve_drop_privileges(const struct pt_conf *conf)
{
	struct passwd *pw;
	struct group *gr;

	if (geteuid() != 0 || conf->user.p == NULL)
		return 0;
	pw = getpwnam(conf->user.p);
	gr = getgrnam(conf->group.p);
	if (pw == NULL || gr == NULL) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "%s(\"%s\") failed", pw ? "getgrnam" : "getpwnam",
		          pw ? conf->group.p : conf->user.p);
		return -1;
	}
	if (setgid(gr->gr_gid) != 0 || initgroups(pw->pw_name, gr->gr_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "dropping privileges to %s:%s failed (%d: %s)",
		          conf->user.p, conf->group.p, errno, strerror(errno));
		return -1;
	}
	return 0;
}

static void pt_serve_on_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct pt_loop *L = w->data;

	(void)revents;
	if (w->signum == SIGUSR1) {
		/* logrotate moved the files: open them again */
		if (pt_errlog_reopen(L->conf) != 0)
			pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "reopening the error logs failed, "
			          "the old files stay open");
		pt_accesslog_close(L);
		if (pt_accesslog_open(L) != 0)
			pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "reopening the access logs failed");
		pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "reopening logs");
		return;
	}
	if (w->signum == SIGQUIT && L->stopping)
		return;     /* a second reload while this worker drains */
	pt_serve_stop_listening(L);
	if (w->signum == SIGQUIT) {
		/* graceful: the loop ends when the last session does */
		pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "gracefully shutting down");
		L->stopping = 1;
		if (L->conf->worker_shutdown_timeout_ms > 0) {
			ev_timer_set(&L->shutdown_timer,
			             (double)L->conf->worker_shutdown_timeout_ms / 1000.0, 0.);
			ev_timer_start(loop, &L->shutdown_timer);
			ev_unref(loop);     /* the timer alone keeps nothing alive */
		}
		/* The watchers stay (a stopped one would give SIGQUIT its default
		 * action back, and a second reload would kill this worker), but
		 * no longer keep the loop alive; SIGTERM still stops at once. */
		ev_unref(loop);
		ev_unref(loop);
		ev_unref(loop);
		return;
	}
	pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "exiting");
	while (L->conns)
		pt_conn_close(L->conns);
	ev_break(loop, EVBREAK_ALL);
}

/* A check's message, once the error_log is open. */
static void pt_serve_log_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	(void)ctx;
	pt_errlog(lvl, 0, NULL, NULL, "%s", text);
}

/* What the config cannot tell alone (certificates, keys, password
 * hashes), checked by -t, before start and on reload: messages go to msg,
 * as the config's own. */
int pt_serve_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx)
{
	/* Certificates and keys first, so that -t reports their problems. */
	if (pt_tlsconf_check(conf, msg, ctx) != 0 || pt_tls_cache_check(conf, msg, ctx) != 0)
		return 1;
	for (size_t i = 0; i < conf->n_servers; i++) {
		struct pt_tls_backend b;
		if (pt_tls_backend_load(&b, conf, &conf->servers[i], msg, ctx) != 0)
			return 1;
		pt_tls_backend_free(&b);
	}
	for (size_t i = 0; i < conf->n_servers; i++) {
		const struct pt_conf_server *s = &conf->servers[i];
		for (size_t k = 0; k < s->error_log.n; k++)
			if (strncmp(s->error_log.v[k].target.p, "syslog:", 7) == 0 &&
			    strstr(s->error_log.v[k].target.p, "severity=") != NULL) {
				pt_check_msgf(msg, ctx, PT_LOG_NOTICE, "syslog \"severity=\" is for access "
				              "logs: error lines keep their own level, in %s:%u", s->file, s->line);
			}
	}
	if (pt_status_check(conf, msg, ctx) != 0)    /* metrics.c */
		return 1;
	return pt_authfile_check(conf, msg, ctx);
}

/* A session's login memory (its core arena, the auth request) goes back to
 * malloc when it starts relaying or ends.  When many log in at once, those
 * blocks leave holes between the connections that stay, and glibc keeps the
 * holes resident; so once a second, if at least PT_TRIM_BYTES were freed,
 * malloc_trim() gives their whole pages back.  An idle relayed session then
 * costs its struct pt_conn and little more. */
#define PT_TRIM_BYTES ((size_t)1 << 20)
#define PT_TRIM_TICK 1.0

void pt_serve_released(struct pt_loop *L, size_t n)
{
	L->released += n;
}

static void pt_serve_on_trim(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct pt_loop *L = w->data;

	(void)loop;
	(void)revents;
	if (L->released >= PT_TRIM_BYTES) {
		malloc_trim(0);
		L->released = 0;
	}
}

int pt_serve(const struct pt_conf *conf, const int *fds)
{
	struct pt_loop L;
	int rc = 1;

	memset(&L, 0, sizeof(L));
	L.conf = conf;
	L.reserve_fd = -1;
	signal(SIGPIPE, SIG_IGN);
	if (conf->worker_rlimit_nofile > 0) {
		struct rlimit rl = { (rlim_t)conf->worker_rlimit_nofile,
		                     (rlim_t)conf->worker_rlimit_nofile };
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "setrlimit(RLIMIT_NOFILE, %lld) failed "
			          "(%d: %s)", (long long)conf->worker_rlimit_nofile, errno, strerror(errno));
	}
	pt_shm_self_set();      /* this worker's pid, for the shared memory's locks */
	L.loop = ev_default_loop(EVFLAG_AUTO);
	L.cores = calloc(conf->n_servers + 1, sizeof(*L.cores));
	L.listeners = calloc(conf->n_listens + 1, sizeof(*L.listeners));
	if (L.loop == NULL || L.cores == NULL || L.listeners == NULL || pt_authhttp_init(&L) ||
	    pt_resolver_init(&L))
		goto out;
	for (size_t i = 0; i < conf->n_servers; i++)
		if (pt_coreconf_build(&L.cores[i], &conf->servers[i]))
			goto out;
	/* Certificates and keys, read before the privileges go (the master
	 * checked them already: a failure here is a file changed since). */
	L.tls = calloc(conf->n_servers + 1, sizeof(*L.tls));
	if (L.tls == NULL)
		goto out;
	for (size_t i = 0; i < conf->n_servers; i++)
		if (pt_conf_server_tls(&conf->servers[i]) &&
		    pt_tls_server_load(&L.tls[i], conf, &conf->servers[i], pt_serve_log_msg, NULL))
			goto out;
	/* proxy_ssl: the backends' trust anchors */
	L.btls = calloc(conf->n_servers + 1, sizeof(*L.btls));
	if (L.btls == NULL)
		goto out;
	for (size_t i = 0; i < conf->n_servers; i++)
		if (pt_tls_backend_load(&L.btls[i], conf, &conf->servers[i], pt_serve_log_msg, NULL))
			goto out;
	/* tlscache: each TLS server's session cache (the load clears t->cache) */
	for (size_t i = 0; i < conf->n_servers; i++)
		if (L.tls[i].srv != NULL && pt_tls_cache_open(&L.tls[i]))
			goto out;
	for (size_t i = 0; i < conf->n_listens; i++) {
		struct pt_listener *li = &L.listeners[i];
		const struct pt_conf_listen *ls = &conf->listens[i];
		li->ls = ls;
		li->L = &L;
		li->core = &L.cores[ls->server - conf->servers].core;
		li->fd = fds[i];
		L.n_listeners++;
		ev_io_init(&li->w, pt_serve_on_accept, li->fd, EV_READ);
		li->w.data = li;
		ev_io_start(L.loop, &li->w);
	}
	pt_status_start(L.loop);        /* status_listen, if the master bound one */
	pt_metrics_worker_start();
	L.alog_fd = calloc(conf->n_servers + 1, sizeof(*L.alog_fd));
	if (L.alog_fd == NULL || pt_accesslog_open(&L))
		goto out;
	if (pt_serve_drop_privileges(conf))
		goto out;
	L.reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ev_init(&L.shutdown_timer, pt_serve_on_shutdown_timer);
	L.shutdown_timer.data = &L;
	/* What one worker can hold: its worker_connections, and its
	 * descriptors at two a relayed session (client and backend). */
	{
		struct rlimit rl;
		L.accept_cap = (size_t)conf->worker_connections;
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		    rl.rlim_cur / 2 < L.accept_cap)
			L.accept_cap = (size_t)(rl.rlim_cur / 2);
	}
	ev_init(&L.accept_timer, pt_serve_on_accept_timer);
	L.accept_timer.data = &L;
	ev_signal_init(&L.sig_term, pt_serve_on_signal, SIGTERM);
	ev_signal_init(&L.sig_int, pt_serve_on_signal, SIGINT);
	ev_signal_init(&L.sig_quit, pt_serve_on_signal, SIGQUIT);
	ev_signal_init(&L.sig_usr1, pt_serve_on_signal, SIGUSR1);
	L.sig_term.data = L.sig_int.data = L.sig_quit.data = L.sig_usr1.data = &L;
	ev_signal_start(L.loop, &L.sig_usr1);
	ev_unref(L.loop);       /* reopening alone keeps nothing alive */
	ev_signal_start(L.loop, &L.sig_term);
	ev_signal_start(L.loop, &L.sig_int);
	ev_signal_start(L.loop, &L.sig_quit);
	pt_tls_cache_sweeper_start(L.loop);    /* tlscache: wipes expired sessions */
	ev_timer_init(&L.trim_timer, pt_serve_on_trim, PT_TRIM_TICK, PT_TRIM_TICK);
	L.trim_timer.data = &L;
	ev_timer_start(L.loop, &L.trim_timer);
	ev_unref(L.loop);       /* nor does the trim tick */
	pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "postern started, %zu listening sockets",
	          L.n_listeners);
	ev_run(L.loop, 0);
	rc = 0;
out:
	while (L.conns)
		pt_conn_close(L.conns);
	pt_serve_stop_listening(&L);
	if (L.multi)
		pt_authhttp_done(&L);
	pt_resolver_done(&L);   /* after the connections: their lookups are detached */
	if (L.loop)
		pt_tls_cache_sweeper_stop(L.loop);     /* tlscache */
	for (size_t i = 0; L.tls && i < conf->n_servers; i++) {
		pt_tls_cache_close(&L.tls[i]);          /* tlscache: before the free */
		pt_tls_server_free(&L.tls[i]);
	}
	free(L.tls);
	for (size_t i = 0; L.btls && i < conf->n_servers; i++)
		pt_tls_backend_free(&L.btls[i]);
	free(L.btls);
	for (size_t i = 0; L.cores && i < conf->n_servers; i++)
		pt_coreconf_free(&L.cores[i]);
	pt_accesslog_close(&L);
	free(L.alog_fd);
	free(L.cores);
	free(L.listeners);
	if (L.reserve_fd >= 0)
		close(L.reserve_fd);
	return rc;
}
