/*
 * tests/bench/loadgen.c - the load generator of make bench.
 *
 *   loadgen --mode imap|pop3|smtp|fetch|idle --port P [--host 127.0.0.1]
 *           [--tls full|resume] [--sessions N] [--concurrency C]
 *           [--max-seconds T] [--hold S] [--user U --pass W]
 *           [--src 127.0.0.2,127.0.0.3,...] [--watch PID,PID,...]
 *
 * One thread, epoll, non-blocking sockets, OpenSSL for the client side of
 * TLS (the proxies' TLS is what is measured; the client's should cost as
 * little as it can).  Loopback only: the host must be in 127.0.0.0/8.
 *
 * Modes, each a scripted session that checks every reply:
 *   imap   LOGIN, SELECT INBOX, LOGOUT
 *   pop3   USER, PASS, STAT, QUIT
 *   smtp   EHLO, AUTH PLAIN, MAIL, RCPT, RSET, QUIT
 *   fetch  IMAP LOGIN, SELECT INBOX, FETCH 1 BODY[] (the literal is counted,
 *          not kept), LOGOUT
 *   idle   IMAP LOGIN, then the session stays open (--concurrency bounds
 *          the logins in flight); once all N are logged in they are held
 *          --hold seconds, the memory of --watch is read, and they close.
 * --tls resume keeps the first session's TLS session and offers it on every
 * later connection (the first one runs alone); the count of sessions the
 * server resumed is reported.
 *
 * --watch names the processes whose cost is measured: utime+stime from
 * /proc/PID/stat over the run (for idle: until all are logged in), and
 * resident memory from /proc/PID/status before and after (for idle: at the
 * end of the hold): RssAnon + RssFile, that is VmRSS without RssShmem, since
 * shared memory (the TLS session cache, its size set by the config) is one
 * region for all workers and grows with use, not with sessions held.
 *
 * Prints one JSON object on stdout; the first few failures go to stderr.
 * Exits 0 when every session succeeded, 1 otherwise, 2 on a usage error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum mode { M_IMAP, M_POP3, M_SMTP, M_FETCH, M_IDLE };
enum reply { R_IMAP_GREETING, R_IMAP_TAGGED, R_POP3, R_SMTP };
enum cstate { C_FREE, C_CONNECTING, C_HANDSHAKE, C_RUN, C_IDLE };

/* One exchange: what to send (NULL: nothing, the greeting), how the reply
 * ends and what its last line must start with. */
struct step {
	char *send;
	enum reply kind;
	const char *tag;    /* R_IMAP_TAGGED: "aN " */
	const char *expect; /* prefix of the final line */
};

#define MAX_STEPS 8
#define INBUF (64 * 1024)

struct conn {
	int fd;
	SSL *ssl;
	enum cstate state;
	int step;
	int want_out; /* the socket or TLS wants to write */
	const char *out;
	size_t outlen, outoff;
	char *in; /* inbuf bytes, kept across the sessions of a slot */
	size_t inlen;
	uint64_t skip; /* IMAP literal bytes still to skip */
	double t0;
	int id;
};

static struct {
	enum mode mode;
	const char *host;
	int port;
	int tls; /* 0, 1 full, 2 resume */
	long sessions, concurrency;
	double max_seconds, hold;
	const char *user, *pass;
	struct in_addr src[256];
	int nsrc;
	pid_t watch[16];
	int nwatch;
	size_t inbuf;
} opt = { M_IMAP, "127.0.0.1", 0, 0, 100, 10, 60, 0, "alice", "alice-pw", { { 0 } }, 0, { 0 }, 0, INBUF };

static struct step steps[MAX_STEPS];
static int nsteps, idle_after; /* idle: the step after which a session is held */
static SSL_CTX *ctx;
static SSL_SESSION *saved;
static int ep;
static struct conn *conns;
static long started, ok, failed, resumed, ready, active;
static uint64_t body_bytes;
static double *lat; /* per finished session, µs */
static long nlat;
static int errors_shown;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *m)
{
	fprintf(stderr, "loadgen: %s\n", m);
	exit(2);
}

/* ---- the scripts ------------------------------------------------------------------ */

/* The concatenation of the strings up to NULL, then CRLF, in a fresh string. */
static char *cmd(const char *first, ...)
{
	char buf[1024];
	size_t n = 0;
	va_list ap;
	va_start(ap, first);
	for (const char *p = first; p; p = va_arg(ap, const char *)) {
		size_t k = strlen(p);
		if (n + k + 3 > sizeof buf)
			die("command too long");
		memcpy(buf + n, p, k);
		n += k;
	}
	va_end(ap);
	memcpy(buf + n, "\r\n", 3);
	char *s = strdup(buf);
	if (!s)
		die("out of memory");
	return s;
}

static void add(char *send, enum reply kind, const char *tag, const char *expect)
{
	steps[nsteps++] = (struct step){ send, kind, tag, expect };
}

static char *sasl_plain(const char *u, const char *p)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char raw[512];
	size_t ul = strlen(u), pl = strlen(p), n = 0, i;
	if (ul + pl + 2 > sizeof(raw))
		die("user/password too long");
	raw[n++] = 0;
	memcpy(raw + n, u, ul), n += ul;
	raw[n++] = 0;
	memcpy(raw + n, p, pl), n += pl;
	char *s = malloc(4 * (n / 3 + 1) + 32), *o;
	if (!s)
		die("out of memory");
	memcpy(s, "AUTH PLAIN ", 11);
	o = s + 11;
	for (i = 0; i + 2 < n; i += 3) {
		*o++ = b64[raw[i] >> 2];
		*o++ = b64[((raw[i] & 3) << 4) | (raw[i + 1] >> 4)];
		*o++ = b64[((raw[i + 1] & 15) << 2) | (raw[i + 2] >> 6)];
		*o++ = b64[raw[i + 2] & 63];
	}
	if (i < n) {
		*o++ = b64[raw[i] >> 2];
		*o++ = b64[((raw[i] & 3) << 4) | (i + 1 < n ? raw[i + 1] >> 4 : 0)];
		*o++ = i + 1 < n ? b64[(raw[i + 1] & 15) << 2] : '=';
		*o++ = '=';
	}
	memcpy(o, "\r\n", 3);
	return s;
}

static void build_script(void)
{
	switch (opt.mode) {
	case M_IMAP:
	case M_FETCH:
	case M_IDLE:
		add(NULL, R_IMAP_GREETING, NULL, "* OK");
		add(cmd("a1 LOGIN \"", opt.user, "\" \"", opt.pass, "\"", NULL), R_IMAP_TAGGED, "a1 ", "a1 OK");
		idle_after = nsteps;
		add(cmd("a2 SELECT INBOX", NULL), R_IMAP_TAGGED, "a2 ", "a2 OK");
		if (opt.mode == M_FETCH)
			add(cmd("a3 FETCH 1 BODY[]", NULL), R_IMAP_TAGGED, "a3 ", "a3 OK");
		add(cmd("a4 LOGOUT", NULL), R_IMAP_TAGGED, "a4 ", "a4 OK");
		break;
	case M_POP3:
		add(NULL, R_POP3, NULL, "+OK");
		add(cmd("USER ", opt.user, NULL), R_POP3, NULL, "+OK");
		add(cmd("PASS ", opt.pass, NULL), R_POP3, NULL, "+OK");
		add(cmd("STAT", NULL), R_POP3, NULL, "+OK");
		add(cmd("QUIT", NULL), R_POP3, NULL, "+OK");
		break;
	case M_SMTP:
		add(NULL, R_SMTP, NULL, "220");
		add(cmd("EHLO bench.example.test", NULL), R_SMTP, NULL, "250");
		add(sasl_plain(opt.user, opt.pass), R_SMTP, NULL, "235");
		add(cmd("MAIL FROM:<alice@example.test>", NULL), R_SMTP, NULL, "250");
		add(cmd("RCPT TO:<bob@example.test>", NULL), R_SMTP, NULL, "250");
		add(cmd("RSET", NULL), R_SMTP, NULL, "250");
		add(cmd("QUIT", NULL), R_SMTP, NULL, "221");
		break;
	}
}

/* ---- /proc ------------------------------------------------------------------------- */

/* /proc/<the i-th watched pid>/<what>, or NULL if it is gone. */
static FILE *proc_open(int i, const char *what)
{
	char p[64];
	snprintf(p, sizeof p, "/proc/%d/%s", (int)opt.watch[i], what);
	return fopen(p, "r");
}

static double watch_cpu_us(void)
{
	double t = 0;
	for (int i = 0; i < opt.nwatch; i++) {
		char buf[2048];
		FILE *f = proc_open(i, "stat");
		if (!f)
			continue;
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = 0;
		/* Fields 14 and 15 (utime, stime) counted after the ")" that ends comm. */
		char *s = strrchr(buf, ')');
		unsigned long ut = 0, st = 0;
		if (s && sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) == 2)
			t += (double)(ut + st) * 1e6 / sysconf(_SC_CLK_TCK);
	}
	return t;
}

static long watch_rss_kb(void)
{
	long t = 0;
	for (int i = 0; i < opt.nwatch; i++) {
		char line[256];
		FILE *f = proc_open(i, "status");
		if (!f)
			continue;
		while (fgets(line, sizeof line, f)) {
			long kb;
			if (sscanf(line, "RssAnon: %ld", &kb) == 1 || sscanf(line, "RssFile: %ld", &kb) == 1)
				t += kb;
		}
		fclose(f);
	}
	return t;
}

/* ---- connections ------------------------------------------------------------------- */

static void set_events(struct conn *c)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
	if (c->state == C_CONNECTING || c->want_out || c->outoff < c->outlen)
		ev.events |= EPOLLOUT;
	epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

static void finish(struct conn *c, const char *why)
{
	if (why) {
		failed++;
		if (errors_shown++ < 5)
			fprintf(stderr, "loadgen: session %d, step %d: %s\n", c->id, c->step, why);
	} else {
		ok++;
		if (c->state != C_IDLE) /* a held session's latency is its login's */
			lat[nlat++] = (now() - c->t0) * 1e6;
	}
	if (c->state == C_IDLE)
		ready--;
	if (c->ssl) {
		if (!why)
			SSL_shutdown(c->ssl);
		SSL_free(c->ssl);
		c->ssl = NULL;
	}
	close(c->fd);
	c->state = C_FREE;
	active--;
}

static void queue_send(struct conn *c)
{
	const char *s = steps[c->step].send;
	c->out = s;
	c->outlen = s ? strlen(s) : 0;
	c->outoff = 0;
}

/* One complete line of the reply to the current step. Returns 1 when the
 * session is over (finished or failed). */
static int on_line(struct conn *c, const char *l, size_t n)
{
	const struct step *st = &steps[c->step];
	int final = 0;
	switch (st->kind) {
	case R_IMAP_GREETING:
	case R_POP3:
		final = 1;
		break;
	case R_IMAP_TAGGED:
		final = n >= 3 && memcmp(l, st->tag, 3) == 0;
		/* A literal announced at the end of an untagged line: "{N}\r\n". */
		if (!final && n >= 4 && l[n - 3] == '}') {
			const char *b = l + n - 4;
			while (b > l && *b >= '0' && *b <= '9')
				b--;
			if (*b == '{')
				c->skip = strtoull(b + 1, NULL, 10);
		}
		break;
	case R_SMTP:
		final = n < 4 || l[3] == ' ' || l[3] == '\r';
		break;
	}
	if (!final)
		return 0;
	size_t el = strlen(st->expect);
	if (n < el || memcmp(l, st->expect, el) != 0) {
		char why[160];
		snprintf(why, sizeof why, "expected \"%s\", got \"%.*s\"", st->expect,
			 (int)(n > 100 ? 100 : n - (n >= 2 ? 2 : 0)), l);
		finish(c, why);
		return 1;
	}
	c->step++;
	if (opt.mode == M_IDLE && c->step == idle_after) {
		c->state = C_IDLE;
		ready++;
		lat[nlat++] = (now() - c->t0) * 1e6;
		return 0;
	}
	if (c->step == nsteps) {
		finish(c, NULL);
		return 1;
	}
	queue_send(c);
	return 0;
}

/* Lines out of c->in; returns 1 when the session ended. */
static int consume(struct conn *c)
{
	size_t off = 0;
	int end = 0;
	while (off < c->inlen && !end) {
		if (c->skip) {
			size_t k = c->inlen - off < c->skip ? c->inlen - off : (size_t)c->skip;
			c->skip -= k, off += k, body_bytes += k;
			continue;
		}
		char *nl = memchr(c->in + off, '\n', c->inlen - off);
		if (!nl)
			break;
		size_t n = (size_t)(nl - (c->in + off)) + 1;
		if (c->state == C_IDLE) { /* untagged noise while held */
			off += n;
			continue;
		}
		end = on_line(c, c->in + off, n);
		off += n;
	}
	if (end)
		return 1;
	if (off == 0 && c->inlen == opt.inbuf) {
		finish(c, "reply line longer than the input buffer");
		return 1;
	}
	memmove(c->in, c->in + off, c->inlen - off);
	c->inlen -= off;
	return 0;
}

/* One read or write, plain or through TLS: bytes moved, 0 at the peer's
 * end (reads), or -1 with *again set when it would block. */
static ssize_t io_rw(struct conn *c, void *b, size_t n, int *again, int wr)
{
	*again = 0;
	if (!c->ssl) {
		ssize_t r = wr ? write(c->fd, b, n) : read(c->fd, b, n);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			*again = 1;
		return r;
	}
	int r = wr ? SSL_write(c->ssl, b, (int)n) : SSL_read(c->ssl, b, (int)n);
	if (r > 0)
		return r;
	int e = SSL_get_error(c->ssl, r);
	*again = e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
	c->want_out = e == SSL_ERROR_WANT_WRITE;
	return !wr && r == 0 && e == SSL_ERROR_ZERO_RETURN ? 0 : -1;
}

static ssize_t io_read(struct conn *c, void *b, size_t n, int *again)
{
	return io_rw(c, b, n, again, 0);
}

static ssize_t io_write(struct conn *c, const void *b, size_t n, int *again)
{
	return io_rw(c, (void *)(uintptr_t)b, n, again, 1);
}

/* Write what is queued; -1 when the session failed (and is finished). */
static int flush_out(struct conn *c)
{
	int again;
	while (c->outoff < c->outlen) {
		ssize_t w = io_write(c, c->out + c->outoff, c->outlen - c->outoff, &again);
		if (w < 0) {
			if (again)
				return 0;
			finish(c, "write failed");
			return -1;
		}
		c->outoff += (size_t)w;
		c->want_out = 0;
	}
	return 0;
}

static void drive(struct conn *c)
{
	if (c->state == C_CONNECTING) {
		int err = 0;
		socklen_t l = sizeof err;
		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
		if (err) {
			finish(c, strerror(err));
			return;
		}
		if (c->ssl) {
			c->state = C_HANDSHAKE;
		} else {
			c->state = C_RUN;
		}
	}
	if (c->state == C_HANDSHAKE) {
		int r = SSL_do_handshake(c->ssl);
		if (r != 1) {
			int e = SSL_get_error(c->ssl, r);
			if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
				c->want_out = e == SSL_ERROR_WANT_WRITE;
				set_events(c);
				return;
			}
			char why[200];
			snprintf(why, sizeof why, "TLS handshake: %s",
				 ERR_peek_last_error() ? ERR_reason_error_string(ERR_peek_last_error())
							: "connection closed");
			ERR_clear_error();
			finish(c, why);
			return;
		}
		c->want_out = 0;
		if (SSL_session_reused(c->ssl))
			resumed++;
		if (opt.tls == 2 && !saved)
			saved = SSL_get1_session(c->ssl);
		c->state = C_RUN;
	}
	int again;
	if (flush_out(c) < 0)
		return;
	/* Read until the socket (or TLS) has nothing more. */
	for (;;) {
		ssize_t r = io_read(c, c->in + c->inlen, opt.inbuf - c->inlen, &again);
		if (r < 0 && again)
			break;
		if (r <= 0) {
			finish(c, r == 0 ? "closed by the server" : "read failed");
			return;
		}
		c->inlen += (size_t)r;
		if (consume(c))
			return;
		/* A reply done queues the next command: send it now. */
		if (flush_out(c) < 0)
			return;
	}
	set_events(c);
}

static int start_one(struct conn *c)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)opt.port) };
	inet_pton(AF_INET, opt.host, &sa.sin_addr);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "loadgen: socket: %s\n", strerror(errno));
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (opt.nsrc) {
		struct sockaddr_in src = { .sin_family = AF_INET, .sin_addr = opt.src[started % opt.nsrc] };
		/* The port comes with connect(), by the whole 4-tuple: a port taken
		 * at bind() time is kept from every other connect() on the machine,
		 * the proxy's to its backends included. */
		setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
		if (bind(fd, (struct sockaddr *)&src, sizeof src) < 0) {
			fprintf(stderr, "loadgen: bind: %s\n", strerror(errno));
			close(fd);
			return -1;
		}
	}
	char *in = c->in;
	memset(c, 0, sizeof *c);
	c->in = in ? in : malloc(opt.inbuf);
	if (!c->in) {
		close(fd);
		fprintf(stderr, "loadgen: out of memory\n");
		return -1;
	}
	c->skip = 0;
	c->fd = fd;
	c->id = (int)started++;
	c->t0 = now();
	c->state = C_CONNECTING;
	active++;
	if (opt.tls) {
		c->ssl = SSL_new(ctx);
		SSL_set_fd(c->ssl, fd);
		SSL_set_connect_state(c->ssl);
		if (saved)
			SSL_set_session(c->ssl, saved);
	}
	queue_send(c);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.ptr = c };
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != EINPROGRESS) {
		finish(c, strerror(errno));
		return 0;
	}
	return 0;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double p)
{
	if (!nlat)
		return 0;
	long i = (long)(p * (double)(nlat - 1) + 0.5);
	return lat[i];
}

static void parse_pids(const char *s)
{
	while (*s && opt.nwatch < 16) {
		opt.watch[opt.nwatch++] = (pid_t)strtol(s, (char **)&s, 10);
		if (*s == ',')
			s++;
		else if (*s)
			die("--watch: PID,PID,...");
	}
}

static void parse_src(const char *s)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", s);
	char *save = NULL;
	for (char *t = strtok_r(buf, ",", &save); t && opt.nsrc < 256; t = strtok_r(NULL, ",", &save)) {
		if (inet_pton(AF_INET, t, &opt.src[opt.nsrc]) != 1 || (ntohl(opt.src[opt.nsrc].s_addr) >> 24) != 127)
			die("--src: loopback IPv4 addresses only");
		opt.nsrc++;
	}
}

int main(int argc, char **argv)
{
	static const char *modes[] = { "imap", "pop3", "smtp", "fetch", "idle" };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			die("every option takes a value");
		i++;
		if (!strcmp(a, "--mode")) {
			int m;
			for (m = 0; m < 5 && strcmp(v, modes[m]); m++)
				;
			if (m == 5)
				die("--mode imap|pop3|smtp|fetch|idle");
			opt.mode = (enum mode)m;
		} else if (!strcmp(a, "--host"))
			opt.host = v;
		else if (!strcmp(a, "--port"))
			opt.port = (int)strtol(v, NULL, 10);
		else if (!strcmp(a, "--tls"))
			opt.tls = !strcmp(v, "full") ? 1 : !strcmp(v, "resume") ? 2 : (die("--tls full|resume"), 0);
		else if (!strcmp(a, "--sessions"))
			opt.sessions = strtol(v, NULL, 10);
		else if (!strcmp(a, "--concurrency"))
			opt.concurrency = strtol(v, NULL, 10);
		else if (!strcmp(a, "--max-seconds"))
			opt.max_seconds = strtod(v, NULL);
		else if (!strcmp(a, "--hold"))
			opt.hold = strtod(v, NULL);
		else if (!strcmp(a, "--user"))
			opt.user = v;
		else if (!strcmp(a, "--pass"))
			opt.pass = v;
		else if (!strcmp(a, "--src"))
			parse_src(v);
		else if (!strcmp(a, "--watch"))
			parse_pids(v);
		else
			die("unknown option (see the head of tests/bench/loadgen.c)");
	}
	struct in_addr h;
	if (inet_pton(AF_INET, opt.host, &h) != 1 || (ntohl(h.s_addr) >> 24) != 127)
		die("--host: a 127.0.0.0/8 address only");
	if (opt.port <= 0 || opt.port > 65535 || opt.sessions <= 0 || opt.concurrency <= 0 ||
	    opt.max_seconds <= 0 || opt.max_seconds > 3600)
		die("--port, --sessions, --concurrency, --max-seconds (at most 3600) out of range");
	/* Idle: every session keeps its slot; --concurrency bounds the logins
	 * in flight, and a small input buffer will do. */
	long slots = opt.mode == M_IDLE ? opt.sessions : opt.concurrency;
	if (opt.mode == M_IDLE)
		opt.inbuf = 4096;
	signal(SIGPIPE, SIG_IGN);
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	build_script();
	if (opt.tls) {
		ctx = SSL_CTX_new(TLS_client_method());
		SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
		SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	}
	conns = calloc((size_t)slots, sizeof *conns);
	lat = calloc((size_t)opt.sessions, sizeof *lat);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (!conns || !lat || ep < 0)
		die("out of memory");

	long rss0 = watch_rss_kb(), rss1 = 0;
	double cpu0 = watch_cpu_us(), cpu1 = -1;
	double t0 = now(), deadline = t0 + opt.max_seconds, t_ready = 0, hold_until = 0;
	struct epoll_event evs[256];
	for (;;) {
		double t = now();
		int timed_out = t >= deadline;
		/* Start sessions up to the concurrency (held idle ones do not count);
		 * with --tls resume the first runs alone. */
		for (long k = 0; !timed_out && started < opt.sessions && active - ready < opt.concurrency;) {
			struct conn *c = NULL;
			if (opt.tls == 2 && !saved && active > 0)
				break;
			if (opt.mode == M_IDLE)
				c = &conns[started];
			else
				for (; k < slots && !c; k++)
					if (conns[k].state == C_FREE)
						c = &conns[k];
			if (!c)
				break;
			if (start_one(c) < 0)
				timed_out = 1;
		}
		if (opt.mode == M_IDLE && !t_ready && ready + failed + ok >= opt.sessions) {
			t_ready = now();
			cpu1 = watch_cpu_us();
			hold_until = t_ready + opt.hold;
			/* for a caller that measures while several loadgens hold */
			fprintf(stderr, "loadgen: ready %ld of %ld\n", ready, opt.sessions);
		}
		if (hold_until && t >= hold_until) {
			/* memory as it stays while the sessions sit idle */
			rss1 = watch_rss_kb();
			timed_out = 1;
		}
		if (timed_out || (started >= opt.sessions && active == 0))
			break;
		int n = epoll_wait(ep, evs, 256, 50);
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			if (c->state != C_FREE)
				drive(c);
		}
	}
	double t1 = now();
	if (cpu1 < 0)
		cpu1 = watch_cpu_us();
	if (!rss1)
		rss1 = watch_rss_kb();
	long held = opt.mode == M_IDLE ? ready : 0;
	for (long k = 0; k < slots; k++)
		if (conns[k].state != C_FREE) {
			int idle = conns[k].state == C_IDLE;
			finish(&conns[k], idle ? NULL : "unfinished at the time limit");
		}
	if (opt.mode == M_IDLE)
		ok = held; /* a held session counts once, as logged in */
	qsort(lat, (size_t)nlat, sizeof *lat, cmp_d);
	printf("{\"mode\":\"%s\",\"tls\":\"%s\",\"port\":%d,\"sessions\":%ld,\"ok\":%ld,\"failed\":%ld,"
	       "\"resumed\":%ld,\"seconds\":%.3f,\"ready_seconds\":%.3f,\"p50_us\":%.0f,\"p99_us\":%.0f,"
	       "\"body_bytes\":%llu,\"cpu_us\":%.0f,\"rss_kb_before\":%ld,\"rss_kb_after\":%ld}\n",
	       modes[opt.mode], opt.tls == 2 ? "resume" : opt.tls ? "full" : "none", opt.port, started, ok,
	       failed, resumed, t1 - t0, t_ready ? t_ready - t0 : 0.0, pct(0.5), pct(0.99),
	       (unsigned long long)body_bytes, cpu1 - cpu0, rss0, rss1);
	return failed || ok < opt.sessions ? 1 : 0;
}
