/*
 * relay.c - the transparent relay after the login: bytes both ways until
 * both sides have ended, under proxy_timeout.
 *
 * Implementation notes
 * - Without TLS, what is read is sent at once from one worker-wide buffer;
 *   a session keeps bytes only when its destination is full.  A read that
 *   fills its chunk (client_buffer, proxy_buffer) turns that direction to
 *   splice(2) through a pipe: bulk moves without a copy, while the short
 *   exchanges of most sessions cost no pipe.
 * - With TLS on either side the engines' own buffers are the relay's:
 *   plaintext goes from one engine's receive buffer straight to the other
 *   socket (or engine), or from a socket straight into the engine's send
 *   buffer.  Only the client bytes the login left over get a buffer.
 * - A side's end is passed on as a half-close, after close_notify when
 *   the other side speaks TLS.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "shell/errlog.h"
#include "shell/serve.h"

static int pt_relay_again(void)
{
	return errno == EAGAIN || errno == EWOULDBLOCK;
}

/* Every watcher off; the pump starts those its state wants again (libev
 * passes to epoll only what changed). */
static void pt_relay_unwatch(struct pt_conn *c)
{
	ev_io_stop(c->L->loop, &c->crd);
	ev_io_stop(c->L->loop, &c->cwr);
	ev_io_stop(c->L->loop, &c->brd);
	ev_io_stop(c->L->loop, &c->bwr);
}

void pt_relay_timer(struct pt_conn *c)
{
	c->timer.repeat = (double)c->srv->proxy_timeout_ms / 1000.0;
	ev_timer_again(c->L->loop, &c->timer);
}

int pt_relay_start(struct pt_conn *c, const uint8_t *left, size_t n)
{
	/* Only the client bytes the login left over need a place of their
	 * own, sent before anything else: the TLS engines' buffers carry the
	 * rest, and a plain relay sends what it reads at once (pt_relay_way_step). */
	if (n && (c->c2b = malloc(n)) == NULL)
		return -1;
	if (n)
		memcpy(c->c2b, left, n);
	c->c2b_len = c->c2b_cap = n;
	c->relaying = 1;
	return 0;
}

/* ---- neither side with TLS ----------------------------------------------------------- */

/* One direction of a plain relay: its sockets and what it holds. */
struct pt_relay_way {
	int from, to;
	uint8_t **buf;          /* bytes read, not yet sent: the last *len of *cap */
	size_t *cap, *len;
	int *pipe;              /* [2], for splice(2) once the way carries bulk; -1 before */
	size_t *in_pipe;        /* bytes in the pipe */
	size_t chunk;           /* a read before bulk: client_buffer or proxy_buffer */
	int *eof, *shut;
	uint64_t *count;
};

#define PT_RELAY_SPLICE (SPLICE_F_MOVE | SPLICE_F_NONBLOCK)
#define PT_RELAY_PIPE ((size_t)64 * 1024)      /* Linux's default pipe size */

/* Reads land here and are sent at once: a session holds no buffer of its
 * own unless its destination cannot take what was read. */
static uint8_t pt_relay_scratch[64 * 1024];

/* Send what the way holds, the pipe first.  0: it holds nothing now;
 * 1: some stays (the destination is full); -1: an error. */
static int pt_relay_drain(struct pt_relay_way *w, int *moved)
{
	while (*w->in_pipe) {
		ssize_t n = splice(w->pipe[0], NULL, w->to, NULL, *w->in_pipe, PT_RELAY_SPLICE);
		if (n > 0) {
			*w->in_pipe -= (size_t)n;
			*moved = 1;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else {
			return n < 0 && pt_relay_again() ? 1 : -1;
		}
	}
	while (*w->len) {
		ssize_t n = send(w->to, *w->buf + (*w->cap - *w->len), *w->len, MSG_NOSIGNAL);
		if (n > 0) {
			*w->len -= (size_t)n;
			*moved = 1;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else {
			return n < 0 && pt_relay_again() ? 1 : -1;
		}
	}
	free(*w->buf);          /* an idle session keeps no buffer */
	*w->buf = NULL;
	*w->cap = 0;
	return 0;
}

/* A read that filled its chunk says more is coming: from now on the way
 * moves bytes with splice(2), socket to pipe to socket, in pieces of a
 * pipe's size and without a copy through user space.  Without a pipe it
 * stays as it is. */
static void pt_relay_go_bulk(struct pt_relay_way *w)
{
	if (pipe2(w->pipe, O_NONBLOCK | O_CLOEXEC) < 0)
		w->pipe[0] = w->pipe[1] = -1;
}

/* Move what can move in one direction; 0 to go on, -1 when the session
 * is over.  Nothing is read while the way still holds bytes. */
static int pt_relay_way_step(struct pt_relay_way *w, int *moved)
{
	int last = 0;

	for (;;) {
		int held = pt_relay_drain(w, moved);
		size_t want = w->pipe[0] >= 0 ? PT_RELAY_PIPE : w->chunk;
		ssize_t r, s;
		if (held)
			return held < 0 ? -1 : 0;
		if (*w->eof)
			break;
		if (last)
			return 0;       /* a short read took all there was: the loop says when more comes */
		if (w->pipe[0] >= 0)
			r = splice(w->from, NULL, w->pipe[1], NULL, want, PT_RELAY_SPLICE);
		else
			r = recv(w->from, pt_relay_scratch, want, 0);
		if (r == 0) {
			*w->eof = 1;
			break;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return pt_relay_again() ? 0 : -1;
		*w->count += (uint64_t)r;
		*moved = 1;
		last = (size_t)r < want;
		if (w->pipe[0] >= 0) {
			*w->in_pipe = (size_t)r;
			continue;
		}
		s = send(w->to, pt_relay_scratch, (size_t)r, MSG_NOSIGNAL);
		if (s < 0 && errno != EINTR && !pt_relay_again())
			return -1;
		if (s < r) {
			size_t rest = (size_t)r - (size_t)(s > 0 ? s : 0);
			if ((*w->buf = malloc(rest)) == NULL)
				return -1;
			memcpy(*w->buf, pt_relay_scratch + (r - (ssize_t)rest), rest);
			*w->cap = *w->len = rest;
		}
		if ((size_t)r == w->chunk)
			pt_relay_go_bulk(w);
	}
	if (!*w->shut) {
		shutdown(w->to, SHUT_WR);   /* pass the half-close on */
		*w->shut = 1;
	}
	return 0;
}

static size_t pt_relay_chunk(size_t want)
{
	return want < sizeof(pt_relay_scratch) ? want : sizeof(pt_relay_scratch);
}

/* ways: PT_RELAY_UP and/or PT_RELAY_DOWN, the directions an event woke
 * (a read on a side, or room to write to the other): the other way has
 * nothing new, and a read of it would only say so. */
static void pt_relay_plain_pump(struct pt_conn *c, int ways)
{
	struct ev_loop *loop = c->L->loop;
	struct pt_relay_way up = { c->cfd, c->bfd, &c->c2b, &c->c2b_cap, &c->c2b_len, c->c2b_pipe,
	                           &c->c2b_in_pipe, pt_relay_chunk(c->core->client_buffer),
	                           &c->c_eof, &c->c_shut, &c->bytes_in };
	struct pt_relay_way down = { c->bfd, c->cfd, &c->b2c, &c->b2c_cap, &c->b2c_len, c->b2c_pipe,
	                             &c->b2c_in_pipe, pt_relay_chunk(c->core->proxy_buffer),
	                             &c->b_eof, &c->b_shut, &c->bytes_out };
	int moved = 0;

	if (((ways & PT_RELAY_UP) && pt_relay_way_step(&up, &moved)) ||
	    ((ways & PT_RELAY_DOWN) && pt_relay_way_step(&down, &moved)) || (c->c_shut && c->b_shut)) {
		pt_conn_close(c);
		return;
	}
	if (moved)
		pt_relay_timer(c);
	/* read a side while its way holds nothing, write one while it does */
	pt_relay_unwatch(c);
	if (!c->c_eof && !c->c2b_len && !c->c2b_in_pipe)
		ev_io_start(loop, &c->crd);
	if (!c->b_eof && !c->b2c_len && !c->b2c_in_pipe)
		ev_io_start(loop, &c->brd);
	if (c->c2b_len || c->c2b_in_pipe)
		ev_io_start(loop, &c->bwr);
	if (c->b2c_len || c->b2c_in_pipe)
		ev_io_start(loop, &c->cwr);
}

/* ---- TLS on one side or both ----------------------------------------------------------- */

/* One side of a relay: its socket, and its TLS engine if it has one. */
struct pt_relay_end {
	int fd;
	struct pt_tls *tls;
};

static ssize_t pt_relay_send(struct pt_relay_end e, const void *p, size_t n)
{
	return e.tls != NULL ? pt_tls_send(e.tls, e.fd, p, n) : send(e.fd, p, n, MSG_NOSIGNAL);
}

/* From a TLS side: its plaintext, as it is, to the other side. */
static int pt_relay_from_tls(struct pt_relay_end from, struct pt_relay_end to, int *eof,
                             uint64_t *count, int *moved)
{
	while (!*eof) {
		const uint8_t *p;
		ssize_t n = pt_tls_peek(from.tls, from.fd, &p), w;
		if (n == 0) {
			*eof = 1;
			break;
		}
		if (n < 0)
			return pt_relay_again() ? 0 : -1;
		w = pt_relay_send(to, p, (size_t)n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return pt_relay_again() ? 0 : -1;
		pt_tls_consume(from.tls, (size_t)w);
		*count += (uint64_t)w;
		*moved = 1;
	}
	return 0;
}

/* From a plain socket to a TLS side: read straight into its engine. */
static int pt_relay_to_tls(struct pt_relay_end from, struct pt_relay_end to, int *eof,
                           uint64_t *count, int *moved)
{
	while (!*eof) {
		size_t room;
		uint8_t *p = pt_tls_space(to.tls, to.fd, &room);
		ssize_t r;
		if (p == NULL)
			return pt_relay_again() ? 0 : -1;
		r = recv(from.fd, p, room, 0);
		if (r > 0) {
			if (pt_tls_commit(to.tls, to.fd, (size_t)r) < 0)
				return -1;
			*count += (uint64_t)r;
			*moved = 1;
		} else if (r == 0) {
			*eof = 1;
		} else if (errno != EINTR) {
			return pt_relay_again() ? 0 : -1;
		}
	}
	return 0;
}

/* One direction with TLS on one side or both. */
static int pt_relay_tls_step(struct pt_conn *c, struct pt_relay_end from, struct pt_relay_end to,
                             int *eof, int *shut, uint64_t *count, int *moved)
{
	int r;

	(void)c;
	if (to.tls != NULL && pt_tls_closed(to.tls)) {
		/* That side said close_notify (or failed): nothing more can go
		 * to it, so this direction is over, read or not. */
		*eof = 1;
		*shut = 1;
		return 0;
	}
	r = from.tls != NULL ? pt_relay_from_tls(from, to, eof, count, moved)
	                     : pt_relay_to_tls(from, to, eof, count, moved);
	if (r < 0 || (to.tls != NULL && pt_tls_flush(to.tls, to.fd) < 0))
		return -1;
	if (*eof && !*shut) {
		if (to.tls != NULL) {
			/* close_notify first; the half-close waits for it */
			pt_tls_close(to.tls);
			if (pt_tls_flush(to.tls, to.fd) == 0)
				return 0;
		}
		shutdown(to.fd, SHUT_WR);
		*shut = 1;
	}
	return 0;
}

/* The client bytes the login left over, first of all to the backend. */
static int pt_relay_leftover(struct pt_conn *c, struct pt_relay_end to, int *moved)
{
	while (c->c2b_len) {
		ssize_t w = pt_relay_send(to, c->c2b + (c->c2b_cap - c->c2b_len), c->c2b_len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return pt_relay_again() ? 0 : -1;
		c->c2b_len -= (size_t)w;
		*moved = 1;
	}
	return 0;
}

/* A side's watchers: a TLS side as its engine says; a plain one by the
 * other side's engine (room to read into, plaintext to write). */
static void pt_relay_watch(struct ev_loop *loop, struct pt_relay_end e, struct pt_tls *other,
                           int eof, int pending, ev_io *rd, ev_io *wr)
{
	if (e.tls != NULL) {
		if (!eof && pt_tls_want_read(e.tls))
			ev_io_start(loop, rd);
		if (pt_tls_want_write(e.tls) || pending)
			ev_io_start(loop, wr);
		return;
	}
	if (!eof && pt_tls_has_room(other))
		ev_io_start(loop, rd);
	if (pending || pt_tls_has_plaintext(other))
		ev_io_start(loop, wr);
}

static void pt_relay_tls_pump(struct pt_conn *c)
{
	struct ev_loop *loop = c->L->loop;
	struct pt_relay_end ce = { c->cfd, c->tls }, be = { c->bfd, c->btls };
	int moved = 0, bad = 0;

	/* Twice: a close_notify read by the second step ends the first
	 * direction too (its destination is closed), with no event to come. */
	for (int pass = 0; pass < 2 && !bad; pass++)
		bad = pt_relay_leftover(c, be, &moved) ||
		      (c->c2b_len == 0 &&
		       pt_relay_tls_step(c, ce, be, &c->c_eof, &c->c_shut, &c->bytes_in, &moved)) ||
		      pt_relay_tls_step(c, be, ce, &c->b_eof, &c->b_shut, &c->bytes_out, &moved);
	if (bad) {
		int e = errno, ct = c->tls ? pt_tls_error(c->tls) : 0;
		int bt = c->btls ? pt_tls_error(c->btls) : 0;
		if (ct)
			PT_CLOG(c, PT_LOG_INFO, "TLS error %d (%s) while proxying", ct, pt_tls_error_text(ct));
		else if (bt)
			PT_CLOG(c, PT_LOG_INFO, "upstream TLS error %d (%s) while proxying", bt,
			        pt_tls_error_text(bt));
		else
			PT_CLOG(c, PT_LOG_INFO, "I/O error (%d: %s) while proxying", e, strerror(e));
		pt_conn_close(c);
		return;
	}
	if (c->c_shut && c->b_shut) {
		pt_conn_close(c);
		return;
	}
	if (moved)
		pt_relay_timer(c);
	pt_relay_unwatch(c);
	pt_relay_watch(loop, ce, c->btls, c->c_eof, 0, &c->crd, &c->cwr);
	pt_relay_watch(loop, be, c->tls, c->b_eof, c->c2b_len != 0, &c->brd, &c->bwr);
}

void pt_relay_pump(struct pt_conn *c)
{
	pt_relay_pump_ways(c, PT_RELAY_UP | PT_RELAY_DOWN);
}

void pt_relay_pump_ways(struct pt_conn *c, int ways)
{
	if (c->tls != NULL || c->btls != NULL)
		pt_relay_tls_pump(c);       /* the engines: both ways, always */
	else
		pt_relay_plain_pump(c, ways);
}
