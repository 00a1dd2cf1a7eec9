/*
 * tests/bench/mockd.c - the light backend of make bench's scale run: an
 * auth_http service and IMAP servers that cost next to nothing per session,
 * so that 100 000 idle sessions measure the proxy and not Dovecot.
 *
 *   mockd --auth PORT --imap PORT --backends 127.0.1.1,127.0.1.2,...
 *         [--procs N] [--seconds T]
 *
 * auth_http on 127.0.0.1:PORT answers every request with Auth-Status OK and
 * the next backend address in turn (a proxy's connections to one address
 * and port are limited by its ephemeral ports, about 28 000), and closes.
 * IMAP on each backend address and the one port: a greeting; a line ending
 * in a literal "{N}" gets "+ OK"; "<tag> LOGOUT" gets BYE and OK and a
 * close; any other tagged line gets "<tag> OK".  Nothing is kept per
 * session but a line buffer.
 *
 * N processes (default 1) share the listening sockets (EPOLLEXCLUSIVE), so
 * the sessions can exceed one process's descriptor limit.  Loopback only;
 * it exits after T seconds (default 600) or on SIGTERM.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_BACKENDS 32
#define LINE 512

enum kind { K_AUTH_LISTEN, K_IMAP_LISTEN, K_AUTH, K_IMAP };

struct sess {
	enum kind kind;
	int fd;
	int in_cmd, logout;
	size_t len, skip;
	char tag[64];
	char buf[LINE];
};

static struct in_addr backends[MAX_BACKENDS];
static int nbackends, imap_port, ep;
static unsigned long next_backend;

static void die(const char *m)
{
	fprintf(stderr, "mockd: %s\n", m);
	exit(2);
}

static int listen_on(struct in_addr a, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr = a };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 4096) < 0) {
		fprintf(stderr, "mockd: bind/listen %s:%d: %s\n", inet_ntoa(a), port, strerror(errno));
		exit(1);
	}
	return fd;
}

static void watch(struct sess *s, unsigned events)
{
	struct epoll_event ev = { .events = events, .data.ptr = s };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, s->fd, &ev) < 0)
		die("epoll_ctl");
}

static void drop(struct sess *s)
{
	close(s->fd);
	free(s);
}

static void say(struct sess *s, const char *t, size_t n)
{
	/* Replies are short and the socket fresh: a short write drops the session. */
	if (write(s->fd, t, n) != (ssize_t)n)
		s->len = (size_t)-1;
}

static void on_accept(struct sess *l)
{
	for (int k = 0; k < 64; k++) {
		int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		struct sess *s = calloc(1, sizeof *s);
		if (!s) {
			close(fd);
			return;
		}
		s->fd = fd;
		s->kind = l->kind == K_AUTH_LISTEN ? K_AUTH : K_IMAP;
		if (s->kind == K_IMAP)
			say(s, "* OK mock IMAP ready\r\n", 22);
		watch(s, EPOLLIN);
	}
}

static void on_auth(struct sess *s)
{
	ssize_t r = read(s->fd, s->buf + s->len, sizeof s->buf - 1 - s->len);
	if (r <= 0) {
		drop(s);
		return;
	}
	s->len += (size_t)r;
	s->buf[s->len] = 0;
	if (!strstr(s->buf, "\r\n\r\n")) {
		if (s->len == sizeof s->buf - 1) /* headers past what a mock needs: still answer */
			s->len = 0;
		else
			return;
	}
	char rep[256];
	int n = snprintf(rep, sizeof rep,
			 "HTTP/1.0 200 OK\r\nAuth-Status: OK\r\nAuth-Server: %s\r\nAuth-Port: %d\r\n\r\n",
			 inet_ntoa(backends[next_backend++ % (unsigned long)nbackends]), imap_port);
	say(s, rep, (size_t)n);
	drop(s);
}

/* A command's lines: "<tag> <name> ...", continued after each literal
 * "{N}" (its N bytes skipped) until a line ends without one. */
static void on_imap(struct sess *s)
{
	ssize_t r = read(s->fd, s->buf + s->len, sizeof s->buf - s->len);
	if (r <= 0) {
		drop(s);
		return;
	}
	s->len += (size_t)r;
	for (;;) {
		if (s->skip) {
			size_t k = s->skip < s->len ? s->skip : s->len;
			memmove(s->buf, s->buf + k, s->len - k);
			s->len -= k;
			s->skip -= k;
			if (s->skip)
				return;
		}
		char *nl = memchr(s->buf, '\n', s->len);
		if (!nl) {
			if (s->len == sizeof s->buf)
				s->len = 0; /* an overlong line: forgotten */
			return;
		}
		size_t n = (size_t)(nl - s->buf) + 1;
		if (!s->in_cmd) {
			char *sp = memchr(s->buf, ' ', n);
			size_t tl = sp ? (size_t)(sp - s->buf) : 0;
			if (tl == 0 || tl >= sizeof s->tag)
				tl = 1, s->buf[0] = '*';
			memcpy(s->tag, s->buf, tl);
			s->tag[tl] = 0;
			s->logout = sp && n - tl > 7 && strncasecmp(sp + 1, "LOGOUT", 6) == 0;
		}
		char *lb = n >= 4 && s->buf[n - 3] == '}' ? memrchr(s->buf, '{', n) : NULL;
		if (lb) {
			s->in_cmd = 1;
			s->skip = strtoul(lb + 1, NULL, 10);
			say(s, "+ OK\r\n", 6);
		} else {
			char rep[160];
			int k = s->logout ? snprintf(rep, sizeof rep, "* BYE mock\r\n%s OK LOGOUT done\r\n", s->tag)
					  : snprintf(rep, sizeof rep, "%s OK done\r\n", s->tag);
			s->in_cmd = 0;
			say(s, rep, (size_t)k);
			if (s->logout) {
				drop(s);
				return;
			}
		}
		if (s->len == (size_t)-1) {
			drop(s);
			return;
		}
		memmove(s->buf, s->buf + n, s->len - n);
		s->len -= n;
	}
}

static void serve(int auth_fd, const int *imap_fds, double seconds)
{
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die("epoll_create1");
	static struct sess ls[MAX_BACKENDS + 1];
	ls[0] = (struct sess){ .kind = K_AUTH_LISTEN, .fd = auth_fd };
	watch(&ls[0], EPOLLIN | EPOLLEXCLUSIVE);
	for (int i = 0; i < nbackends; i++) {
		ls[i + 1] = (struct sess){ .kind = K_IMAP_LISTEN, .fd = imap_fds[i] };
		watch(&ls[i + 1], EPOLLIN | EPOLLEXCLUSIVE);
	}
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct epoll_event evs[256];
	for (;;) {
		int n = epoll_wait(ep, evs, 256, 1000);
		for (int i = 0; i < n; i++) {
			struct sess *s = evs[i].data.ptr;
			switch (s->kind) {
			case K_AUTH_LISTEN:
			case K_IMAP_LISTEN: on_accept(s); break;
			case K_AUTH: on_auth(s); break;
			case K_IMAP: on_imap(s); break;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > seconds)
			exit(0);
	}
}

int main(int argc, char **argv)
{
	int auth_port = 0, procs = 1;
	double seconds = 600;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *a = argv[i], *v = argv[i + 1];
		if (!strcmp(a, "--auth"))
			auth_port = (int)strtol(v, NULL, 10);
		else if (!strcmp(a, "--imap"))
			imap_port = (int)strtol(v, NULL, 10);
		else if (!strcmp(a, "--procs"))
			procs = (int)strtol(v, NULL, 10);
		else if (!strcmp(a, "--seconds"))
			seconds = strtod(v, NULL);
		else if (!strcmp(a, "--backends")) {
			char buf[1024], *save = NULL;
			snprintf(buf, sizeof buf, "%s", v);
			for (char *t = strtok_r(buf, ",", &save); t && nbackends < MAX_BACKENDS;
			     t = strtok_r(NULL, ",", &save)) {
				if (inet_pton(AF_INET, t, &backends[nbackends]) != 1 ||
				    (ntohl(backends[nbackends].s_addr) >> 24) != 127)
					die("--backends: loopback IPv4 addresses only");
				nbackends++;
			}
		} else
			die("unknown option (see the head of tests/bench/mockd.c)");
	}
	if (auth_port <= 0 || imap_port <= 0 || nbackends == 0 || procs < 1 || procs > 64)
		die("usage: mockd --auth PORT --imap PORT --backends A,B,... [--procs N] [--seconds T]");
	signal(SIGPIPE, SIG_IGN);
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	struct in_addr lo;
	inet_pton(AF_INET, "127.0.0.1", &lo);
	int auth_fd = listen_on(lo, auth_port), imap_fds[MAX_BACKENDS];
	for (int i = 0; i < nbackends; i++)
		imap_fds[i] = listen_on(backends[i], imap_port);
	for (int p = 1; p < procs; p++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			/* stopped with the first process, whatever stops it */
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			if (getppid() == 1)
				exit(0);
			serve(auth_fd, imap_fds, seconds);
		}
	}
	/* The first process serves too; the others end with it. */
	serve(auth_fd, imap_fds, seconds);
	return 0;
}
