/*
 * relay.c - the transparent relay after the login: bytes both ways until
 * both sides have ended, under proxy_timeout.
 *
 * Implementation notes
 * - Without TLS, splice(2) through two pipes (or, without pipes, two
 *   buffers) moves bytes socket to socket.
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

/* Two pipes sized like the buffers they stand for; the client bytes left
 * after the login go into the first.  0 ok, -1: use buffers instead. */
static int pt_relay_start_splice(struct pt_conn *c, const uint8_t *left, size_t n)
{
	long sz;

	c->c2b_pipe[0] = c->c2b_pipe[1] = c->b2c_pipe[0] = c->b2c_pipe[1] = -1;
	if (pipe2(c->c2b_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
		return -1;
	if (pipe2(c->b2c_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
		goto fail;
	/* the kernel rounds up to pages; below that it refuses */
	fcntl(c->c2b_pipe[1], F_SETPIPE_SZ, (int)c->core->client_buffer);
	fcntl(c->b2c_pipe[1], F_SETPIPE_SZ, (int)c->core->proxy_buffer);
	sz = fcntl(c->c2b_pipe[1], F_GETPIPE_SZ);
	c->c2b_cap = sz > 0 ? (size_t)sz : 4096;
	sz = fcntl(c->b2c_pipe[1], F_GETPIPE_SZ);
	c->b2c_cap = sz > 0 ? (size_t)sz : 4096;
	if (n > c->c2b_cap || (n && write(c->c2b_pipe[1], left, n) != (ssize_t)n))
		goto fail;
	c->c2b_len = n;
	c->spliced = 1;
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (c->c2b_pipe[i] >= 0)
			close(c->c2b_pipe[i]);
		if (c->b2c_pipe[i] >= 0)
			close(c->b2c_pipe[i]);
	}
	return -1;
}

void pt_relay_timer(struct pt_conn *c)
{
	c->timer.repeat = (double)c->srv->proxy_timeout_ms / 1000.0;
	ev_timer_again(c->L->loop, &c->timer);
}

/* Move what can move; 0 to go on, -1 when the session is over. */
static int pt_relay_step(struct pt_conn *c, int from, int to, uint8_t *buf, size_t cap,
                              size_t *len, int *eof, int *shut, uint64_t *count)
{
	int moved = 0;

	while (!*eof && *len < cap) {
		ssize_t r = recv(from, buf + *len, cap - *len, 0);
		if (r > 0) {
			*len += (size_t)r;
			*count += (uint64_t)r;
			moved = 1;
		} else if (r == 0) {
			*eof = 1;
		} else if (errno == EINTR) {
			continue;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			break;
		} else {
			return -1;
		}
	}
	while (*len) {
		ssize_t w = send(to, buf, *len, MSG_NOSIGNAL);
		if (w > 0) {
			memmove(buf, buf + w, *len - (size_t)w);
			*len -= (size_t)w;
			moved = 1;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			break;
		} else {
			return -1;
		}
	}
	if (*eof && *len == 0 && !*shut) {
		shutdown(to, SHUT_WR);      /* pass the half-close on */
		*shut = 1;
	}
	if (moved)
		pt_relay_timer(c);
	return 0;
}

/* The same step with splice(2): socket -> pipe -> socket, no copy through
 * user space.  *len counts the bytes waiting in the pipe. */
static int pt_relay_splice_step(struct pt_conn *c, int from, int to, const int pipe[2], size_t cap,
                               size_t *len, int *eof, int *shut, uint64_t *count)
{
	const unsigned flags = SPLICE_F_MOVE | SPLICE_F_NONBLOCK;
	int moved = 0;

	while (!*eof && *len < cap) {
		ssize_t r = splice(from, NULL, pipe[1], NULL, cap - *len, flags);
		if (r > 0) {
			*len += (size_t)r;
			*count += (uint64_t)r;
			moved = 1;
		} else if (r == 0) {
			*eof = 1;
		} else if (errno == EINTR) {
			continue;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			break;
		} else {
			return -1;
		}
	}
	while (*len) {
		ssize_t w = splice(pipe[0], NULL, to, NULL, *len, flags);
		if (w > 0) {
			*len -= (size_t)w;
			moved = 1;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			break;
		} else {
			return -1;
		}
	}
	if (*eof && *len == 0 && !*shut) {
		shutdown(to, SHUT_WR);
		*shut = 1;
	}
	if (moved)
		pt_relay_timer(c);
	return 0;
}

int pt_relay_start(struct pt_conn *c, const uint8_t *left, size_t n)
{
	if (c->tls != NULL || c->btls != NULL) {
		/* The engines' own buffers carry the bytes; only the client
		 * bytes the login left over need a place of their own. */
		if (n && (c->c2b = malloc(n)) == NULL)
			return -1;
		if (n)
			memcpy(c->c2b, left, n);
		c->c2b_len = c->c2b_cap = n;
		c->relaying = 1;
		return 0;
	}
	/* splice(2) moves bytes as they are: not through TLS */
	if (pt_relay_start_splice(c, left, n) == 0) {
		c->relaying = 1;
		return 0;
	}
	c->c2b_cap = c->core->client_buffer > n ? c->core->client_buffer : n;
	c->b2c_cap = c->core->proxy_buffer;
	c->c2b = malloc(c->c2b_cap);
	c->b2c = malloc(c->b2c_cap);
	if (c->c2b == NULL || c->b2c == NULL)
		return -1;
	memcpy(c->c2b, left, n);
	c->c2b_len = n;
	c->relaying = 1;
	return 0;
}


/* One side of a relay: its socket, and its TLS engine if it has one. */
struct pt_relay_end {
	int fd;
	struct pt_tls *tls;
};

static ssize_t pt_relay_send(struct pt_relay_end e, const void *p, size_t n)
{
	return e.tls != NULL ? pt_tls_send(e.tls, e.fd, p, n) : send(e.fd, p, n, MSG_NOSIGNAL);
}

static int pt_relay_again(void)
{
	return errno == EAGAIN || errno == EWOULDBLOCK;
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
	ev_io_stop(loop, &c->crd);
	ev_io_stop(loop, &c->cwr);
	ev_io_stop(loop, &c->brd);
	ev_io_stop(loop, &c->bwr);
	pt_relay_watch(loop, ce, c->btls, c->c_eof, 0, &c->crd, &c->cwr);
	pt_relay_watch(loop, be, c->tls, c->b_eof, c->c2b_len != 0, &c->brd, &c->bwr);
}

void pt_relay_pump(struct pt_conn *c)
{
	struct ev_loop *loop = c->L->loop;
	int bad;

	if (c->tls != NULL || c->btls != NULL) {
		pt_relay_tls_pump(c);
		return;
	}

	if (c->spliced)
		bad = pt_relay_splice_step(c, c->cfd, c->bfd, c->c2b_pipe, c->c2b_cap, &c->c2b_len,
		                          &c->c_eof, &c->c_shut, &c->bytes_in) ||
		      pt_relay_splice_step(c, c->bfd, c->cfd, c->b2c_pipe, c->b2c_cap, &c->b2c_len,
		                          &c->b_eof, &c->b_shut, &c->bytes_out);
	else
		bad = pt_relay_step(c, c->cfd, c->bfd, c->c2b, c->c2b_cap, &c->c2b_len,
		                         &c->c_eof, &c->c_shut, &c->bytes_in) ||
		      pt_relay_step(c, c->bfd, c->cfd, c->b2c, c->b2c_cap, &c->b2c_len,
		                         &c->b_eof, &c->b_shut, &c->bytes_out);
	if (bad || (c->c_shut && c->b_shut)) {
		pt_conn_close(c);
		return;
	}
	/* interest from the buffers: read while there is room, write while
	 * there is something to write */
	ev_io_stop(loop, &c->crd);
	ev_io_stop(loop, &c->cwr);
	ev_io_stop(loop, &c->brd);
	ev_io_stop(loop, &c->bwr);
	if (!c->c_eof && c->c2b_len < c->c2b_cap)
		ev_io_start(loop, &c->crd);
	if (!c->b_eof && c->b2c_len < c->b2c_cap)
		ev_io_start(loop, &c->brd);
	if (c->c2b_len)
		ev_io_start(loop, &c->bwr);
	if (c->b2c_len)
		ev_io_start(loop, &c->cwr);
}

