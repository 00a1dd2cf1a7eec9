/*
 * conn.c - one client connection: bytes between its sockets and the core,
 * the core's actions carried out in order, then the relay.  See serve.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "proto/proxy.h"
#include "shell/errlog.h"
#include "shell/metrics.h"
#include "shell/serve.h"
#include "shell/tlsverify.h"

static void pt_conn_update(struct pt_conn *c);
static void pt_conn_read_into_core(struct pt_conn *c, int backend);
static int pt_conn_backend_tls(struct pt_conn *c, enum pt_ev_type done);
static void pt_conn_backend_handshake(struct pt_conn *c);
static void pt_conn_backend_tls_failed(struct pt_conn *c);

/* The core's memory holds the credentials (command buffer, auth request,
 * backend login): wiped before it goes back to malloc, and counted for the
 * trim (serve.c). */
static void pt_conn_free_core(struct pt_conn *c)
{
	if (c->mem != NULL) {
		size_t n = pt_session_mem_size(c->core);
		explicit_bzero(c->mem, n);
		pt_serve_released(c->L, n);
	}
	free(c->mem);
	c->mem = NULL;
	c->s = NULL;
}

/* The part of a log line after "server: " (see errlog): the listen address,
 * then the login once the session has one, as nginx writes it. */
const char *pt_conn_context(struct pt_conn *c)
{
	const char *user = c->s ? pt_session_user(c->s) : c->user_text;

	if (user[0] == '\0')
		return c->server_text;
	snprintf(c->context, sizeof(c->context), "%s, login: \"%s\"", c->server_text, user);
	return c->context;
}

uint64_t pt_loop_now_ms(struct pt_loop *L)
{
	return (uint64_t)(ev_now(L->loop) * 1000.0);
}

static void pt_conn_log(struct pt_conn *c, enum pt_log_level lvl, const char *msg, size_t n)
{
	PT_CLOG(c, lvl, "%.*s", (int)n, msg);
}

/* ---- closing ------------------------------------------------------------------- */

static void pt_conn_stop_fd(struct pt_loop *L, ev_io *r, ev_io *w, int *fd)
{
	ev_io_stop(L->loop, r);
	ev_io_stop(L->loop, w);
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* metrics: how the session ended, what it relayed. */
static void pt_conn_count_end(struct pt_conn *c)
{
	struct pt_metrics *m = pt_metrics_get();
	int p = pt_metrics_proto(c->srv->protocol);
	enum pt_metric_result r;

	if (p < 0)
		return;
	r = pt_metrics_result(c->relaying || c->s == NULL,
	                      c->s ? pt_session_end(c->s) : PT_END_NONE);
	pt_metrics_add(&m->sessions[p][r], 1);
	pt_metrics_add(&m->bytes[p][0], c->bytes_in);
	pt_metrics_add(&m->bytes[p][1], c->bytes_out);
	pt_metrics_conn(c->srv->protocol, 0);
}

void pt_conn_close(struct pt_conn *c)
{
	struct pt_loop *L = c->L;

	if (c->relaying)
		PT_CLOG(c, PT_LOG_INFO, "proxied session done, bytes from client %llu, to client %llu",
		          (unsigned long long)c->bytes_in, (unsigned long long)c->bytes_out);
	pt_accesslog_write(c);
	pt_conn_count_end(c);
	pt_limits_release(c);
	if (c->tls != NULL) {
		/* close_notify, if the socket takes it now; no waiting */
		pt_tls_close(c->tls);
		pt_tls_flush(c->tls, c->cfd);
		pt_tls_free(c->tls);
		c->tls = NULL;
	}
	if (c->btls != NULL) {
		pt_tls_close(c->btls);
		pt_tls_flush(c->btls, c->bfd);
		pt_tls_free(c->btls);
		c->btls = NULL;
	}
	pt_authhttp_cancel(c);
	pt_resolver_cancel(c);
	ev_timer_stop(L->loop, &c->timer);
	pt_conn_stop_fd(L, &c->crd, &c->cwr, &c->cfd);
	pt_conn_stop_fd(L, &c->brd, &c->bwr, &c->bfd);
	L->n_conns--;
	if (c->prev)
		c->prev->next = c->next;
	else
		L->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	for (int i = 0; i < 2; i++) {
		if (c->c2b_pipe[i] >= 0)
			close(c->c2b_pipe[i]);
		if (c->b2c_pipe[i] >= 0)
			close(c->b2c_pipe[i]);
	}
	pt_serve_released(L, c->c2b_cap + c->b2c_cap);
	free(c->c2b);
	free(c->b2c);
	pt_conn_free_core(c);
	pt_connpool_put(c);
}

/* ---- sending core output -------------------------------------------------------- */

/* The engine over fd, if that side speaks TLS. */
static struct pt_tls *pt_conn_tls_of(struct pt_conn *c, int fd)
{
	return fd == c->cfd ? c->tls : c->btls;
}

/* A side's byte stream: the socket, or TLS over it. */
static ssize_t pt_conn_recv(struct pt_conn *c, int fd, void *buf, size_t cap)
{
	struct pt_tls *t = pt_conn_tls_of(c, fd);

	return t != NULL ? pt_tls_recv(t, fd, buf, cap) : recv(fd, buf, cap, 0);
}

static ssize_t pt_conn_send(struct pt_conn *c, int fd, const void *buf, size_t len)
{
	struct pt_tls *t = pt_conn_tls_of(c, fd);

	return t != NULL ? pt_tls_send(t, fd, buf, len) : send(fd, buf, len, MSG_NOSIGNAL);
}

/* Write what the core has for fd; 1 when all went, 0 on EAGAIN, -1 on error.
 * With TLS "all went" includes the records, so a reply is on the wire
 * before the CLOSE after it. */
static int pt_conn_flush(struct pt_conn *c, int backend)
{
	for (;;) {
		size_t n;
		const uint8_t *p = backend ? pt_session_backend_send_buf(c->s, &n)
		                           : pt_session_client_send_buf(c->s, &n);
		ssize_t w;

		if (p == NULL || n == 0) {
			struct pt_tls *t = backend ? c->btls : c->tls;
			return t != NULL ? pt_tls_flush(t, backend ? c->bfd : c->cfd) : 1;
		}
		w = pt_conn_send(c, backend ? c->bfd : c->cfd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		if (backend)
			pt_session_backend_send_ack(c->s, (size_t)w);
		else
			pt_session_client_send_ack(c->s, (size_t)w);
	}
}

/* ---- the client behind a PROXY header ------------------------------------------- */

/* A trusted PROXY header named the client: logs, allow/deny, the resolver
 * and a PROXY header to the backend see it from now on.  -1: refused. */
static int pt_conn_client_addr(struct pt_conn *c, const char *addr, uint16_t port)
{
	struct pt_peer p;

	memset(&p, 0, sizeof(p));
	p.port = port;
	if (inet_pton(AF_INET, addr, p.ip) == 1) {
		p.family = 4;
	} else if (inet_pton(AF_INET6, addr, p.ip) == 1) {
		p.family = 6;
		pt_serve_peer_unmap(&p);
	} else {
		return -1;
	}
	c->client = p;
	snprintf(c->client_ip, sizeof(c->client_ip), "%s", addr);
	if (c->access_pending && !pt_serve_access(c->srv, &c->client)) {
		pt_serve_denied(c->li, c->client_ip);
		return -1;
	}
	c->access_pending = 0;
	return 0;
}

/* ---- the backend connection ------------------------------------------------------ */

/* proxy_protocol on|v2: the header goes out first, into an empty socket
 * buffer, so one send() takes it whole.  Its source is the client (as a
 * trusted PROXY header named it), its destination the address the client
 * reached, as nginx's ngx_proxy_protocol_write. */
static int pt_conn_send_proxy_header(struct pt_conn *c)
{
	struct pt_proxy_addr a;
	uint8_t hdr[PT_PROXY_V1_MAX];   /* v1 at its longest; v2 without TLVs is 52 */
	size_t n;

	memset(&a, 0, sizeof(a));
	if (c->client.family == c->local.family && c->client.family != 'u') {
		a.family = c->client.family == 4 ? PT_PROXY_AF_INET4 : PT_PROXY_AF_INET6;
		memcpy(a.src, c->client.ip, 16);
		memcpy(a.dst, c->local.ip, 16);
		a.src_port = c->client.port;
		a.dst_port = c->local.port;
	}
	n = c->srv->proxy_protocol == PT_PROXY_PROTOCOL_V2 ? pt_proxy_v2_write(&a, hdr, sizeof(hdr))
	                                                   : pt_proxy_v1_write(&a, hdr, sizeof(hdr));
	if (n == 0 || send(c->bfd, hdr, n, MSG_NOSIGNAL) != (ssize_t)n) {
		PT_CLOG(c, PT_LOG_ERR, "sending the PROXY protocol header to upstream failed");
		return -1;
	}
	return 0;
}

static void pt_conn_event(struct pt_conn *c, enum pt_ev_type type)
{
	struct pt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	pt_session_event(c->s, &ev, pt_loop_now_ms(c->L));
}

static int pt_conn_connect(struct pt_conn *c, const char *addr, uint16_t port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int one = 1, fd;

	memset(&ss, 0, sizeof(ss));
	if (strchr(addr, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		if (inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1)
			return -1;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		if (inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
			return -1;
		sl = sizeof(*s4);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&ss, sl) < 0 && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	c->bfd = fd;
	c->connecting = 1;
	ev_io_set(&c->brd, fd, EV_READ);
	ev_io_set(&c->bwr, fd, EV_WRITE);
	return 0;
}

/* ---- actions ------------------------------------------------------------------------ */

/* Carry out the core's actions in order.  Returns -1 when c is gone. */
static int pt_conn_actions(struct pt_conn *c)
{
	struct pt_action a;

	for (;;) {
		if (c->has_parked) {
			a = c->parked;
		} else if (pt_session_next_action(c->s, &a) == PT_ACT_NONE) {
			return 0;
		}
		c->has_parked = 0;
		switch (a.type) {
		case PT_ACT_SEND_CLIENT:
		case PT_ACT_SEND_BACKEND: {
			int r = pt_conn_flush(c, a.type == PT_ACT_SEND_BACKEND);
			if (r < 0) {
				pt_conn_close(c);
				return -1;
			}
			if (r == 0) {
				c->parked = a;
				c->has_parked = 1;
				return 0;
			}
			break;
		}
		case PT_ACT_START_TLS:
			/* every plaintext byte read so far went with the core; what
			 * comes now goes to the engine */
			c->tls = pt_tls_new(&c->L->tls[c->srv - c->L->conf->servers]);
			if (c->tls == NULL) {
				PT_CLOG(c, PT_LOG_ALERT, "TLS could not start (%d: %s)", errno, strerror(errno));
				pt_conn_close(c);
				return -1;
			}
			break;
		case PT_ACT_AUTH_REQUEST:
			/* a WAIT's repeat is no new attempt: limited once */
			if (!a.repeat && pt_limits_login(c)) {
				pt_conn_event(c, PT_EV_LIMIT_LOGIN);   /* never asked */
			} else if (c->srv->auth_file.path.p != NULL) {
				pt_authfile_answer(c);
			} else if (pt_authhttp_start(c, a.data, a.len)) {
				pt_conn_event(c, PT_EV_AUTH_FAILED);
			}
			break;
		case PT_ACT_CONNECT_BACKEND:
			snprintf(c->backend_addr, sizeof(c->backend_addr), "%s", a.addr);
			snprintf(c->backend_text, sizeof(c->backend_text),
			         strchr(a.addr, ':') ? "[%s]:%u" : "%s:%u", a.addr, (unsigned)a.port);
			if (pt_conn_connect(c, a.addr, a.port)) {
				PT_CLOG(c, PT_LOG_ERR, "connect() to %s:%u failed (%d: %s)", a.addr, (unsigned)a.port,
				          errno, strerror(errno));
				pt_conn_event(c, PT_EV_BACKEND_FAILED);
			}
			break;
		case PT_ACT_RELAY:
			if (pt_relay_start(c, a.data, a.len)) {
				pt_conn_close(c);
				return -1;
			}
			break;
		case PT_ACT_SET_DEADLINE:
			ev_timer_stop(c->L->loop, &c->timer);
			if (a.deadline_ms) {
				uint64_t now = pt_loop_now_ms(c->L);
				double in = a.deadline_ms > now ? (double)(a.deadline_ms - now) / 1000.0 : 0;
				ev_timer_set(&c->timer, in, 0.);
				ev_timer_start(c->L->loop, &c->timer);
			}
			break;
		case PT_ACT_LOG:
			pt_conn_log(c, a.level, (const char *)a.data, a.len);
			break;
		case PT_ACT_RESOLVE:
			pt_resolver_start(c);
			break;
		case PT_ACT_BACKEND_START_TLS:
			/* the core has dropped what the backend sent so far */
			if (pt_conn_backend_tls(c, PT_EV_BACKEND_TLS_UP)) {
				pt_conn_close(c);
				return -1;
			}
			break;
		case PT_ACT_CLIENT_ADDR:
			if (pt_conn_client_addr(c, a.addr, a.port)) {
				pt_conn_close(c);
				return -1;
			}
			if (pt_limits_conn_ip(c))
				pt_conn_event(c, PT_EV_LIMIT_CONN);     /* before the greeting goes */
			break;
		case PT_ACT_CLOSE:
			pt_conn_close(c);
			return -1;
		default:
			pt_conn_close(c);
			return -1;
		}
	}
}

/* Interest from state: read where the core has room, write where parked. */
static void pt_conn_update(struct pt_conn *c)
{
	struct ev_loop *loop = c->L->loop;
	size_t room;

	if (c->relaying) {
		ev_timer_stop(loop, &c->timer);
		pt_relay_timer(c);
		pt_relay_pump(c);
		return;
	}
	ev_io_stop(loop, &c->crd);
	ev_io_stop(loop, &c->cwr);
	ev_io_stop(loop, &c->brd);
	ev_io_stop(loop, &c->bwr);
	if (c->tls != NULL && (!c->tls_up_sent || c->has_parked)) {
		/* the engine says what it waits for: the handshake, or room
		 * for a reply that is still going out */
		if (pt_tls_want_write(c->tls))
			ev_io_start(loop, &c->cwr);
		if (pt_tls_want_read(c->tls))
			ev_io_start(loop, &c->crd);
		if (c->has_parked && c->parked.type == PT_ACT_SEND_BACKEND)
			ev_io_start(loop, &c->bwr);
		if (c->has_parked)
			return;
	} else if (c->has_parked) {
		if (c->parked.type == PT_ACT_SEND_CLIENT)
			ev_io_start(loop, &c->cwr);
		else
			ev_io_start(loop, &c->bwr);
		return;
	}
	if (c->tls == NULL || c->tls_up_sent) {
		if (pt_session_client_recv_buf(c->s, &room) && room &&
		    (c->tls == NULL || pt_tls_want_read(c->tls)))
			ev_io_start(loop, &c->crd);
		if (c->tls != NULL && pt_tls_want_write(c->tls))
			ev_io_start(loop, &c->cwr);
	}
	if (c->bfd >= 0) {
		if (c->connecting) {
			ev_io_start(loop, &c->bwr);
		} else if (c->btls != NULL) {
			/* the engine says what it waits for */
			if (pt_tls_want_write(c->btls))
				ev_io_start(loop, &c->bwr);
			if (pt_tls_want_read(c->btls) &&
			    (c->btls_handshake ||
			     (pt_session_backend_recv_buf(c->s, &room) && room)))
				ev_io_start(loop, &c->brd);
		} else if (pt_session_backend_recv_buf(c->s, &room) && room) {
			ev_io_start(loop, &c->brd);
		}
	}
}

/* After any event: actions, then interest.  c may be gone afterwards. */
void pt_conn_run(struct pt_conn *c)
{
	size_t room;

	if (pt_conn_actions(c) < 0)
		return;
	/* Plaintext the engine already decrypted raises no socket event:
	 * hand it to the core while it has room (bounded: the core may stop
	 * taking input at any reply). */
	for (int k = 0; k < 64 && c->tls != NULL && c->tls_up_sent && !c->relaying &&
	                !c->has_parked && pt_tls_pending(c->tls) &&
	                pt_session_client_recv_buf(c->s, &room) && room; k++) {
		pt_conn_read_into_core(c, 0);
		if (pt_conn_actions(c) < 0)
			return;
	}
	for (int k = 0; k < 64 && c->btls != NULL && !c->btls_handshake && !c->relaying &&
	                !c->has_parked && pt_tls_pending(c->btls) &&
	                pt_session_backend_recv_buf(c->s, &room) && room; k++) {
		pt_conn_read_into_core(c, 1);
		if (pt_conn_actions(c) < 0)
			return;
	}
	if (c->relaying && c->s) {
		/* The core is out of the data path now: its memory (command,
		 * reply and auth buffers) goes, only the pipes stay. */
		snprintf(c->user_text, sizeof(c->user_text), "%s", pt_session_user(c->s));
		pt_conn_free_core(c);
	}
	pt_conn_update(c);
}

/* ---- watchers ----------------------------------------------------------------------- */

static void pt_conn_read_into_core(struct pt_conn *c, int backend)
{
	size_t room;
	uint8_t *p = backend ? pt_session_backend_recv_buf(c->s, &room)
	                     : pt_session_client_recv_buf(c->s, &room);
	ssize_t r;

	if (p == NULL || room == 0)
		return;
	r = pt_conn_recv(c, backend ? c->bfd : c->cfd, p, room);
	if (r > 0) {
		if (backend)
			pt_session_backend_recv_ack(c->s, (size_t)r, pt_loop_now_ms(c->L));
		else
			pt_session_client_recv_ack(c->s, (size_t)r, pt_loop_now_ms(c->L));
	} else if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
		if (!backend && r < 0 && c->tls != NULL && pt_tls_error(c->tls))
			PT_CLOG(c, PT_LOG_INFO, "TLS error %d: %s", pt_tls_error(c->tls),
			        pt_tls_error_text(pt_tls_error(c->tls)));
		pt_conn_event(c, backend ? PT_EV_BACKEND_EOF : PT_EV_CLIENT_EOF);
	}
}

static struct pt_core_bytes pt_conn_bytes(const char *s)
{
	struct pt_core_bytes b = { s, s != NULL ? strlen(s) : 0 };

	return b;
}

/* metrics: one handshake with the client, once. */
static void pt_conn_count_tls(struct pt_conn *c, int ok)
{
	struct pt_metrics *m = pt_metrics_get();

	if (c->tls_counted)
		return;
	c->tls_counted = 1;
	pt_metrics_add(&m->tls[ok ? 0 : 1][ok && pt_tls_resumed(c->tls)], 1);
}

/* One step of a handshake on fd, either side: 1 over, 0 going on, -1
 * failed (the engine's error says why). */
static int pt_conn_handshake_step(struct pt_tls *t, int fd)
{
	char none;
	ssize_t r = pt_tls_recv(t, fd, &none, 0);       /* room for no byte: records only */

	if (pt_tls_up(t))
		return 1;
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
		return -1;
	return 0;
}

/* The handshake moves on; once it is over the core hears TLS_UP, with
 * what Auth-SSL-Protocol and -Cipher report and the client's certificate
 * checked (ssl_verify_client). */
static void pt_conn_tls_handshake(struct pt_conn *c)
{
	struct pt_event ev;
	int step;

	if (c->tls == NULL || c->tls_up_sent || c->relaying)
		return;
	step = pt_conn_handshake_step(c->tls, c->cfd);
	if (step > 0) {
		struct pt_tls_certinfo ci;

		c->tls_up_sent = 1;
		pt_conn_count_tls(c, 1);
		if (pt_tls_certinfo(c->tls, c->srv->auth_http_pass_client_cert, &ci) != 0) {
			PT_CLOG(c, PT_LOG_ALERT, "out of memory checking the client certificate");
			pt_conn_event(c, PT_EV_CLIENT_EOF);
			return;
		}
		memset(&ev, 0, sizeof(ev));
		ev.type = PT_EV_TLS_UP;
		ev.u.tls.protocol = pt_conn_bytes(pt_tls_protocol(c->tls));
		ev.u.tls.cipher = pt_conn_bytes(pt_tls_cipher(c->tls));
		ev.u.tls.cert = ci.result;
		ev.u.tls.verify_code = ci.code;
		ev.u.tls.verify = pt_conn_bytes(ci.verify);
		ev.u.tls.subject = pt_conn_bytes(ci.subject);
		ev.u.tls.issuer = pt_conn_bytes(ci.issuer);
		ev.u.tls.serial = pt_conn_bytes(ci.serial);
		ev.u.tls.fingerprint = pt_conn_bytes(ci.fingerprint);
		ev.u.tls.pem = pt_conn_bytes(ci.pem);
		pt_session_event(c->s, &ev, pt_loop_now_ms(c->L));
		pt_tls_certinfo_free(&ci);
		return;
	}
	if (step < 0) {
		pt_conn_count_tls(c, 0);
		PT_CLOG(c, PT_LOG_INFO, "TLS handshake failed (%d: %s)", pt_tls_error(c->tls),
		        pt_tls_error_text(pt_tls_error(c->tls)));
		pt_conn_event(c, PT_EV_CLIENT_EOF);
	}
}

/* ---- TLS with the backend (proxy_ssl) --------------------------------------------------- */

/* The engine fails; its error says why (a certificate check, mostly). */
static void pt_conn_backend_tls_failed(struct pt_conn *c)
{
	int e = pt_tls_error(c->btls);

	PT_CLOG(c, PT_LOG_ERR, "TLS handshake with upstream %s failed (%d: %s)", c->backend_text, e,
	        pt_tls_error_text(e));
	c->btls_handshake = 0;
	pt_conn_event(c, PT_EV_BACKEND_FAILED);
}

/* A client engine on the backend socket; `done` is what the core hears
 * when the handshake is over.  -1 when it cannot start. */
static int pt_conn_backend_tls(struct pt_conn *c, enum pt_ev_type done)
{
	const struct pt_tls_backend *b = &c->L->btls[c->srv - c->L->conf->servers];

	c->btls = pt_tls_new_client(b, c->backend_addr);
	if (c->btls == NULL) {
		PT_CLOG(c, PT_LOG_ALERT, "TLS with upstream could not start (%d: %s)", errno,
		        strerror(errno));
		pt_conn_event(c, PT_EV_BACKEND_FAILED);
		return -1;
	}
	c->btls_handshake = (int)done;
	return 0;
}

static void pt_conn_backend_handshake(struct pt_conn *c)
{
	int step = pt_conn_handshake_step(c->btls, c->bfd);

	if (step > 0) {
		enum pt_ev_type done = (enum pt_ev_type)c->btls_handshake;
		c->btls_handshake = 0;
		pt_conn_event(c, done);
	} else if (step < 0) {
		pt_conn_backend_tls_failed(c);
	}
}

static void pt_conn_on_client_read(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_conn *c = w->data;

	(void)loop;
	(void)revents;
	if (c->relaying) {
		pt_relay_pump_ways(c, PT_RELAY_UP);
		return;
	}
	if (c->tls != NULL && !c->tls_up_sent)
		pt_conn_tls_handshake(c);
	else
		pt_conn_read_into_core(c, 0);
	pt_conn_run(c);
}

static void pt_conn_on_backend_read(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_conn *c = w->data;

	(void)loop;
	(void)revents;
	if (c->relaying) {
		pt_relay_pump_ways(c, PT_RELAY_DOWN);
		return;
	}
	if (c->btls_handshake)
		pt_conn_backend_handshake(c);
	else
		pt_conn_read_into_core(c, 1);
	pt_conn_run(c);
}

static void pt_conn_on_write(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_conn *c = w->data;

	(void)loop;
	(void)revents;
	if (c->relaying) {
		/* room at the client: what goes down; at the backend: what goes up */
		pt_relay_pump_ways(c, w == &c->cwr ? PT_RELAY_DOWN : PT_RELAY_UP);
		return;
	}
	if (w == &c->cwr && c->tls != NULL) {
		if (pt_tls_flush(c->tls, c->cfd) < 0) {
			pt_conn_event(c, PT_EV_CLIENT_EOF);
		} else if (!c->tls_up_sent) {
			pt_conn_tls_handshake(c);
		}
	}
	if (w == &c->bwr && c->connecting) {
		int err = 0;
		socklen_t l = sizeof(err);
		c->connecting = 0;
		if (getsockopt(c->bfd, SOL_SOCKET, SO_ERROR, &err, &l) < 0 || err) {
			PT_CLOG(c, PT_LOG_ERR, "connect() to upstream failed (%d: %s)", err, strerror(err));
			pt_conn_event(c, PT_EV_BACKEND_FAILED);
		} else if (c->srv->proxy_protocol != PT_PROXY_PROTOCOL_OFF &&
		           pt_conn_send_proxy_header(c)) {
			pt_conn_event(c, PT_EV_BACKEND_FAILED);
		} else if (c->srv->proxy_ssl == PT_PROXY_SSL_ON) {
			/* implicit TLS: the core hears of the backend once it is up */
			if (pt_conn_backend_tls(c, PT_EV_BACKEND_CONNECTED) == 0)
				pt_conn_backend_handshake(c);
		} else {
			pt_conn_event(c, PT_EV_BACKEND_CONNECTED);
		}
	} else if (w == &c->bwr && c->btls != NULL) {
		if (pt_tls_flush(c->btls, c->bfd) < 0)
			pt_conn_backend_tls_failed(c);
		else if (c->btls_handshake)
			pt_conn_backend_handshake(c);
	}
	pt_conn_run(c);
}

static void pt_conn_on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct pt_conn *c = w->data;

	(void)loop;
	(void)revents;
	if (c->relaying) {
		PT_CLOG(c, PT_LOG_INFO, "proxy timed out");
		pt_conn_close(c);
		return;
	}
	pt_conn_event(c, PT_EV_TIMER);
	pt_conn_run(c);
}

/* The session's random number (the APOP and CRAM-MD5 challenges' salt):
 * from getrandom(2), fetched 64 at a time rather than one call a session. */
static uint64_t pt_conn_random(void)
{
	static uint64_t pool[64];
	static size_t left;

	if (left == 0) {
		if (getrandom(pool, sizeof(pool), 0) != (ssize_t)sizeof(pool))
			return (uint64_t)rand();
		left = sizeof(pool) / sizeof(pool[0]);
	}
	return pool[--left];
}

void pt_conn_accept(struct pt_loop *L, struct pt_listener *li, int fd, const char *ip,
                    const struct pt_peer *peer)
{
	struct pt_conn *c = pt_connpool_get();
	size_t need = pt_session_mem_size(li->core);
	char local[INET6_ADDRSTRLEN];
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	struct pt_event ev;
	int one = 1, refused;

	memset(&ev, 0, sizeof(ev));
	if (c == NULL || (c->mem = malloc(need)) == NULL ||
	    (c->s = pt_session_init(c->mem, need, li->core)) == NULL) {
		if (c)
			free(c->mem);
		pt_connpool_put(c);
		close(fd);
		return;
	}
	c->L = L;
	c->c2b_pipe[0] = c->c2b_pipe[1] = c->b2c_pipe[0] = c->b2c_pipe[1] = -1;
	c->id = ++L->next_id;
	c->srv = li->ls->server;
	c->core = li->core;
	c->server_text = li->ls->addr.text;
	c->li = li;
	snprintf(c->client_ip, sizeof(c->client_ip), "%s", ip);
	c->client = *peer;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		pt_serve_peer(&ss, &c->local);
	if (li->ls->proxy_protocol) {
		ev.u.start.proxy_trusted = pt_serve_trusted(c->srv, peer);
		c->access_pending = ev.u.start.proxy_trusted;
	}
	c->cfd = fd;
	c->bfd = -1;
	c->started_ms = pt_loop_now_ms(L);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	ev_io_init(&c->crd, pt_conn_on_client_read, fd, EV_READ);
	ev_io_init(&c->cwr, pt_conn_on_write, fd, EV_WRITE);
	ev_io_init(&c->brd, pt_conn_on_backend_read, -1, EV_READ);
	ev_io_init(&c->bwr, pt_conn_on_write, -1, EV_WRITE);
	ev_init(&c->timer, pt_conn_on_timer);
	c->crd.data = c->cwr.data = c->brd.data = c->bwr.data = c->timer.data = c;
	c->next = L->conns;
	if (L->conns)
		L->conns->prev = c;
	L->conns = c;
	L->n_conns++;
	pt_metrics_conn(c->srv->protocol, 1);
	/* limit_conn_per_*: the server's count now, the client's once known
	 * (here, or at CLIENT_ADDR behind a trusted balancer) */
	refused = pt_limits_conn_server(c) ||
	          (!ev.u.start.proxy_trusted && pt_limits_conn_ip(c));

	ev.type = PT_EV_START;
	ev.u.start.client_ip.p = c->client_ip;
	ev.u.start.client_ip.len = strlen(c->client_ip);
	ev.u.start.unix_time = (uint64_t)time(NULL);
	ev.u.start.random = pt_conn_random();
	ev.u.start.random %= 10000000000ULL;    /* nginx's salt shows a decimal of this size */
	ev.u.start.tls = li->ls->ssl;
	ev.u.start.proxy_protocol = li->ls->proxy_protocol;
	/* Client-Port, Server-Addr, Server-Port (postern's own headers) */
	ev.u.start.client_port = c->client.port;
	if (c->local.family == 4 || c->local.family == 6) {
		if (inet_ntop(c->local.family == 4 ? AF_INET : AF_INET6, c->local.ip, local,
		              sizeof(local)) != NULL) {
			ev.u.start.server_addr.p = local;
			ev.u.start.server_addr.len = strlen(local);
			ev.u.start.server_port = c->local.port;
		}
	}
	pt_session_event(c->s, &ev, pt_loop_now_ms(L));
	if (refused)
		pt_conn_event(c, PT_EV_LIMIT_CONN);
	pt_conn_run(c);
}
