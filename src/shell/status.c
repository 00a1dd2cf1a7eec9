/*
 * status.c - status_listen (postern extension): each worker accepts on the
 * socket the master bound and answers "GET /metrics" with the shared
 * counters as Prometheus text (metrics.c).  One request per connection,
 * "Connection: close"; the request head is read by grammar/status.rl
 * within PT_STATUS_TIMEOUT_MS and PT_STATUS_REQ_MAX bytes.
 *
 *   GET|HEAD /metrics[?...]   200, text/plain; version=0.0.4
 *   GET|HEAD another path     404
 *   another method            405 (Allow: GET, HEAD)
 *   a bad or too long head    400
 * No access rule applies here: the operator binds it to loopback or a
 * management network (README, postern.conf(5)).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proto/status.h"
#include "shell/errlog.h"
#include "shell/metrics.h"
#include "shell/serve.h"
#include "util/buf.h"

struct pt_status_conn {
	struct pt_status_conn *prev, *next;
	struct ev_loop *loop;
	int fd;
	ev_io rd, wr;
	ev_timer timer;
	uint8_t req[PT_STATUS_REQ_MAX];
	size_t len;
	struct pt_status_parser p;
	char *resp;
	size_t resp_len, resp_sent;
	int draining;               /* the reply is out: read to EOF, then close */
};

#define PT_STATUS_LINGER_S 1.0     /* reading after the reply, at most */

static ev_io pt_status_w;
static ev_timer pt_status_pause;        /* out of descriptors: accept later */
static int pt_status_on;
static struct pt_status_conn *pt_status_conns;
static size_t pt_status_n;

static void pt_status_close(struct pt_status_conn *c)
{
	ev_io_stop(c->loop, &c->rd);
	ev_io_stop(c->loop, &c->wr);
	ev_timer_stop(c->loop, &c->timer);
	close(c->fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		pt_status_conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pt_status_n--;
	free(c->resp);
	free(c);
}

/* The path of the target, without its query (RFC 9112 §3.2.1). */
static int pt_status_is_metrics(const struct pt_status_conn *c)
{
	const uint8_t *t = c->req + c->p.target.off;
	size_t n = c->p.target.len;

	for (size_t i = 0; i < n; i++)
		if (t[i] == '?')
			n = i;
	return n == 8 && memcmp(t, "/metrics", 8) == 0;
}

/* The whole reply into c->resp: status line, headers, body (none for HEAD). */
static int pt_status_reply(struct pt_status_conn *c, int code)
{
	static const char *const reasons[] = {
		[0] = "200 OK", [1] = "400 Bad Request", [2] = "404 Not Found",
		[3] = "405 Method Not Allowed"
	};
	size_t cap = PT_METRICS_TEXT_MAX + 512, body_len = 0;
	const char *body = NULL;
	char *text = NULL, small[64];
	struct pt_wbuf w;
	int k = code == 200 ? 0 : code == 400 ? 1 : code == 404 ? 2 : 3;

	c->resp = malloc(cap);
	if (c->resp == NULL)
		return -1;
	if (code == 200) {
		text = malloc(PT_METRICS_TEXT_MAX);
		if (text == NULL || (body_len = pt_metrics_render(text, PT_METRICS_TEXT_MAX)) == 0) {
			free(text);
			return -1;
		}
		body = text;
	} else {
		body_len = (size_t)snprintf(small, sizeof(small), "%s\n", reasons[k]);
		body = small;
	}
	pt_wbuf_init(&w, c->resp, cap);
	pt_wbuf_fmt(&w, "HTTP/1.%d %s\r\n", code == 400 ? 1 : c->p.minor, reasons[k]);
	pt_wbuf_fmt(&w, "Content-Type: %s\r\nContent-Length: %zu\r\n",
	            code == 200 ? "text/plain; version=0.0.4" : "text/plain", body_len);
	if (code == 405)
		pt_wbuf_fmt(&w, "Allow: GET, HEAD\r\n");
	pt_wbuf_fmt(&w, "Connection: close\r\n\r\n");
	if (!(code != 400 && c->p.method == PT_STATUS_HEAD))
		pt_wbuf_put(&w, body, body_len);
	free(text);
	if (w.err)
		return -1;
	c->resp_len = w.len;
	return 0;
}

static void pt_status_send(struct pt_status_conn *c)
{
	while (c->resp_sent < c->resp_len) {
		ssize_t n = send(c->fd, c->resp + c->resp_sent, c->resp_len - c->resp_sent,
		                 MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			ev_io_start(c->loop, &c->wr);
			return;
		}
		if (n <= 0)
			break;
		c->resp_sent += (size_t)n;
	}
	if (c->resp_sent < c->resp_len) {
		pt_status_close(c);
		return;
	}
	/* A close with unread bytes would send RST and could destroy the
	 * reply in flight: end our side, read what the client still sends
	 * (bounded by PT_STATUS_LINGER_S), then close. */
	shutdown(c->fd, SHUT_WR);
	c->draining = 1;
	ev_timer_stop(c->loop, &c->timer);
	ev_timer_set(&c->timer, PT_STATUS_LINGER_S, 0.);
	ev_timer_start(c->loop, &c->timer);
	ev_io_start(c->loop, &c->rd);
}

static void pt_status_answer(struct pt_status_conn *c, int code)
{
	ev_io_stop(c->loop, &c->rd);
	if (pt_status_reply(c, code) != 0) {
		pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "status_listen: out of memory for a reply");
		pt_status_close(c);
		return;
	}
	pt_status_send(c);
}

static void pt_status_on_read(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_status_conn *c = w->data;
	enum pt_parse_status st;
	ssize_t n;

	(void)loop;
	(void)revents;
	if (c->draining) {
		n = recv(c->fd, c->req, sizeof(c->req), 0);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
			pt_status_close(c);
		return;
	}
	n = recv(c->fd, c->req + c->len, sizeof(c->req) - c->len, 0);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0) {
		pt_status_close(c);
		return;
	}
	c->len += (size_t)n;
	st = pt_status_parse(&c->p, c->req, c->len);
	if (st == PT_PARSE_MORE && c->len == sizeof(c->req))
		st = PT_PARSE_INVALID;      /* PT_STATUS_REQ_MAX and no end */
	if (st == PT_PARSE_MORE)
		return;
	if (st != PT_PARSE_DONE)
		pt_status_answer(c, 400);
	else if (c->p.method == PT_STATUS_OTHER)
		pt_status_answer(c, 405);
	else
		pt_status_answer(c, pt_status_is_metrics(c) ? 200 : 404);
}

static void pt_status_on_write(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_status_conn *c = w->data;

	(void)revents;
	ev_io_stop(loop, w);
	pt_status_send(c);
}

static void pt_status_on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	pt_status_close(w->data);
}

static void pt_status_on_accept(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)revents;
	for (int k = 0; k < 16; k++) {
		int fd = accept4(w->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct pt_status_conn *c;

		if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
			/* the watcher is level-triggered: without a pause the
			 * pending connection would wake the loop at once, again */
			ev_io_stop(loop, w);
			ev_timer_start(loop, &pt_status_pause);
			return;
		}
		if (fd < 0)
			return;
		if (pt_status_n >= PT_STATUS_CONNS_MAX || (c = calloc(1, sizeof(*c))) == NULL) {
			close(fd);
			continue;
		}
		c->loop = loop;
		c->fd = fd;
		pt_status_init(&c->p);
		ev_io_init(&c->rd, pt_status_on_read, fd, EV_READ);
		ev_io_init(&c->wr, pt_status_on_write, fd, EV_WRITE);
		ev_timer_init(&c->timer, pt_status_on_timer, PT_STATUS_TIMEOUT_MS / 1000.0, 0.);
		c->rd.data = c->wr.data = c->timer.data = c;
		c->next = pt_status_conns;
		if (pt_status_conns)
			pt_status_conns->prev = c;
		pt_status_conns = c;
		pt_status_n++;
		ev_io_start(loop, &c->rd);
		ev_timer_start(loop, &c->timer);
	}
}

static void pt_status_on_pause(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	ev_io_start(loop, &pt_status_w);
}

void pt_status_start(struct ev_loop *loop)
{
	int fd = pt_status_fd();

	if (fd < 0 || pt_status_on)
		return;
	ev_io_init(&pt_status_w, pt_status_on_accept, fd, EV_READ);
	ev_timer_init(&pt_status_pause, pt_status_on_pause, PT_STATUS_PAUSE_MS / 1000.0, 0.);
	ev_io_start(loop, &pt_status_w);
	pt_status_on = 1;
}

/* Stop (reload, quit): no new requests, and those in flight are closed. */
void pt_status_stop(struct ev_loop *loop)
{
	if (!pt_status_on)
		return;
	ev_io_stop(loop, &pt_status_w);
	ev_timer_stop(loop, &pt_status_pause);
	/* The worker's copy of the socket: kept open, a listener nobody
	 * accepts on would still complete handshakes (and, SO_REUSEPORT,
	 * take a share of a later socket's connections). */
	close(pt_status_w.fd);
	pt_status_on = 0;
	while (pt_status_conns)
		pt_status_close(pt_status_conns);
}
