/*
 * metrics.c - the counters shared by the workers and their Prometheus
 * text (metrics.h), and the master's part of the shared state: the
 * counters, the limits' table and the status_listen socket, made before
 * the workers fork and kept across reloads.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shell/errlog.h"
#include "shell/metrics.h"
#include "shell/serve.h"
#include "shell/shmlock.h"
#include "shell/tlscache.h"
#include "util/buf.h"

/* ---- the master's shared state ----------------------------------------------- */

static struct pt_metrics *pt_metrics_shm;
static struct pt_limtab *pt_limits_cur, *pt_limits_new;
static size_t pt_limits_cur_len, pt_limits_new_len;
static int pt_status_cur = -1, pt_status_new = -1;
static char pt_status_cur_text[128], pt_status_new_text[128];

/* Some server has a limit: the table is needed. */
static int pt_shared_limits_wanted(const struct pt_conf *conf)
{
	for (size_t i = 0; i < conf->n_servers; i++) {
		const struct pt_conf_server *s = &conf->servers[i];
		if (s->limit_conn_per_ip > 0 || s->limit_conn_per_server > 0 ||
		    s->limit_login_per_ip > 0 || s->limit_login_per_user > 0)
			return 1;
	}
	return 0;
}

static int pt_shared_status_prepare(const struct pt_conf *conf)
{
	struct pt_conf_listen ls;

	pt_status_new = -1;
	if (conf->status_listen.family == 0)
		return 0;
	snprintf(pt_status_new_text, sizeof(pt_status_new_text), "%s", conf->status_listen.text);
	if (pt_status_cur >= 0 && strcmp(pt_status_cur_text, conf->status_listen.text) == 0) {
		pt_status_new = pt_status_cur;
		return 0;
	}
	memset(&ls, 0, sizeof(ls));
	ls.addr = conf->status_listen;
	ls.ipv6only = 1;
	ls.backlog = -1;
	ls.rcvbuf = ls.sndbuf = -1;
	pt_status_new = pt_listen_open(&ls);
	if (pt_status_new < 0) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "bind() to %s failed (%d: %s)",
		          conf->status_listen.text, errno, strerror(errno));
		return -1;
	}
	return 0;
}

/* The counters, the limits' table and status_listen's socket. */
static int pt_shared_own_prepare(const struct pt_conf *conf)
{
	size_t len = conf->limit_zone_size > 0 ? (size_t)conf->limit_zone_size
	                                       : PT_LIMTAB_ZONE_DEFAULT;

	if (pt_metrics_shm == NULL &&
	    (pt_metrics_shm = pt_shm_map(sizeof(struct pt_metrics), 1, 0, "the metrics")) == NULL)
		return -1;
	pt_limits_new = NULL;
	pt_limits_new_len = 0;
	if (pt_shared_limits_wanted(conf)) {
		if (pt_limits_cur != NULL && pt_limits_cur_len == len) {
			pt_limits_new = pt_limits_cur;
		} else {
			void *p = pt_shm_map(len, 1, 0, "limit_zone_size");
			if (p == NULL)
				return -1;
			pt_limits_new = pt_limtab_init(p, len);
			pt_limits_new_len = len;
		}
	}
	return pt_shared_status_prepare(conf);
}

int pt_shared_prepare(const struct pt_conf *conf)
{
	if (pt_tls_cache_shared_prepare(conf) != 0)
		return -1;
	if (pt_shared_own_prepare(conf) != 0) {
		pt_shared_abort();
		return -1;
	}
	return 0;
}

void pt_shared_commit(void)
{
	pt_tls_cache_shared_commit();   /* the old workers keep their mappings */
	if (pt_limits_cur != NULL && pt_limits_cur != pt_limits_new)
		munmap(pt_limits_cur, pt_limits_cur_len);   /* old workers keep their mapping */
	if (pt_limits_new != pt_limits_cur) {
		pt_limits_cur = pt_limits_new;
		pt_limits_cur_len = pt_limits_new_len;
	}
	if (pt_status_cur >= 0 && pt_status_cur != pt_status_new)
		close(pt_status_cur);
	pt_status_cur = pt_status_new;
	memcpy(pt_status_cur_text, pt_status_new_text, sizeof(pt_status_cur_text));
	pt_limits_new = NULL;
	pt_status_new = -1;
}

void pt_shared_abort(void)
{
	pt_tls_cache_shared_abort();
	if (pt_limits_new != NULL && pt_limits_new != pt_limits_cur)
		munmap(pt_limits_new, pt_limits_new_len);
	if (pt_status_new >= 0 && pt_status_new != pt_status_cur)
		close(pt_status_new);
	pt_limits_new = NULL;
	pt_status_new = -1;
}

void pt_shared_done(void)
{
	pt_tls_cache_shared_done();
	if (pt_status_cur >= 0)
		close(pt_status_cur);
	pt_status_cur = -1;
}

/* status_listen on a mail listen's port: with SO_REUSEPORT both would bind
 * and share the connections, so it is refused here (and by -t). */
int pt_status_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx)
{
	const struct pt_addr *st = &conf->status_listen;

	for (size_t i = 0; st->family != 0 && i < conf->n_listens; i++) {
		const struct pt_conf_listen *ls = &conf->listens[i];
		if (ls->addr.family != 'u' && ls->addr.port == st->port) {
			pt_check_msgf(msg, ctx, PT_LOG_EMERG, "\"status_listen %s\" uses the port of "
			              "\"listen %s\" in %s:%u", st->text, ls->addr.text, ls->file,
			              ls->line);
			return 1;
		}
	}
	return 0;
}

struct pt_metrics *pt_metrics_get(void)
{
	static struct pt_metrics alone;     /* before a master mapped them (tests) */

	return pt_metrics_shm != NULL ? pt_metrics_shm : &alone;
}

struct pt_limtab *pt_limits_table(void)
{
	return pt_limits_cur;
}

int pt_status_fd(void)
{
	return pt_status_cur;
}

/* ---- counting ------------------------------------------------------------------- */

void pt_metrics_add(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

void pt_metrics_sub(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_sub(counter, n, __ATOMIC_RELAXED);
}

/* This worker's row of the connections gauge: its slot, or the shared
 * row when every slot was taken. */
static uint64_t *pt_metrics_row;

void pt_metrics_worker_start(void)
{
	struct pt_metrics *m = pt_metrics_get();
	uint32_t me = (uint32_t)getpid();

	pt_metrics_row = m->connections;
	for (size_t i = 0; i < PT_M_WORKER_SLOTS; i++) {
		uint32_t free_ = 0;

		if (__atomic_compare_exchange_n(&m->slot[i].pid, &free_, me, 0, __ATOMIC_ACQ_REL,
		                                __ATOMIC_RELAXED)) {
			pt_metrics_row = m->slot[i].connections;
			return;
		}
	}
}

void pt_metrics_conn(enum pt_proto p, int up)
{
	int i = pt_metrics_proto(p);

	if (i < 0)
		return;
	if (pt_metrics_row == NULL)
		pt_metrics_row = pt_metrics_get()->connections;
	if (up)
		pt_metrics_add(&pt_metrics_row[i], 1);
	else
		pt_metrics_sub(&pt_metrics_row[i], 1);
}

void pt_metrics_reap(uint32_t pid)
{
	struct pt_metrics *m = pt_metrics_get();

	for (size_t i = 0; i < PT_M_WORKER_SLOTS; i++) {
		if (__atomic_load_n(&m->slot[i].pid, __ATOMIC_ACQUIRE) != pid)
			continue;
		for (int p = 0; p < PT_M_PROTOS; p++)
			__atomic_store_n(&m->slot[i].connections[p], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&m->slot[i].pid, 0, __ATOMIC_RELEASE);
	}
}

/* The index of a protocol's counters, and back to its name for the label. */
int pt_metrics_proto(enum pt_proto p)
{
	return p >= PT_PROTO_IMAP && p <= PT_PROTO_SIEVE ? (int)p - 1 : -1;
}

static const char *pt_metrics_label(int i)
{
	return pt_proto_name((enum pt_proto)(i + PT_PROTO_IMAP));
}

/* The auth_http latency buckets, seconds (Prometheus' default buckets,
 * from 5 ms to 10 s: an auth service answers in milliseconds, a slow one
 * in seconds, and auth_http_timeout defaults to 60 s: that is +Inf). */
static const uint64_t pt_metrics_auth_le_us[PT_M_AUTH_BUCKETS] = {
	5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000
};
static const char *const pt_metrics_auth_le[PT_M_AUTH_BUCKETS] = {
	"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"
};

void pt_metrics_auth_time(uint64_t us)
{
	struct pt_metrics *m = pt_metrics_get();
	size_t k = 0;

	while (k < PT_M_AUTH_BUCKETS && us > pt_metrics_auth_le_us[k])
		k++;
	pt_metrics_add(&m->auth[k], 1);
	pt_metrics_add(&m->auth_count, 1);
	pt_metrics_add(&m->auth_sum_us, us);
}

/* How a session ended (the core's class of it), as the result label. */
enum pt_metric_result pt_metrics_result(int relayed, enum pt_core_end end)
{
	if (relayed)
		return PT_MR_RELAYED;
	switch (end) {
	case PT_END_NONE:
	case PT_END_CLOSED:
		return PT_MR_CLOSED;
	case PT_END_TIMEOUT:
		return PT_MR_TIMEOUT;
	case PT_END_AUTH_FAILED:
		return PT_MR_AUTH_FAILED;
	case PT_END_LIMITED:
		return PT_MR_LIMITED;
	case PT_END_ERROR:
		break;
	}
	return PT_MR_ERROR;
}

/* ---- the exposition ------------------------------------------------------------- */

static uint64_t pt_metrics_read(const uint64_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

static uint64_t pt_metrics_connections(const struct pt_metrics *m, int p)
{
	uint64_t n = pt_metrics_read(&m->connections[p]);

	for (size_t i = 0; i < PT_M_WORKER_SLOTS; i++)
		n += pt_metrics_read(&m->slot[i].connections[p]);
	return n;
}

static void pt_metrics_head(struct pt_wbuf *w, const char *name, const char *type,
                            const char *help)
{
	pt_wbuf_fmt(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

size_t pt_metrics_render(char *buf, size_t cap)
{
	static const char *const results[PT_MR_COUNT] = {
		"relayed", "auth_failed", "timeout", "closed", "limited", "error"
	};
	static const char *const limits[PT_ML_COUNT] = {
		"conn_per_ip", "conn_per_server", "login_per_ip", "login_per_user"
	};
	const struct pt_metrics *m = pt_metrics_get();
	struct pt_wbuf w;
	uint64_t cum = 0;

	pt_wbuf_init(&w, buf, cap);
	pt_metrics_head(&w, "postern_sessions_total", "counter",
	                "Client sessions ended, by protocol and how they ended.");
	for (int p = 0; p < PT_M_PROTOS; p++)
		for (int r = 0; r < PT_MR_COUNT; r++)
			pt_wbuf_fmt(&w, "postern_sessions_total{protocol=\"%s\",result=\"%s\"} %llu\n",
			            pt_metrics_label(p), results[r],
			            (unsigned long long)pt_metrics_read(&m->sessions[p][r]));
	pt_metrics_head(&w, "postern_connections", "gauge",
	                "Client connections open now, by protocol.");
	for (int p = 0; p < PT_M_PROTOS; p++)
		pt_wbuf_fmt(&w, "postern_connections{protocol=\"%s\"} %llu\n", pt_metrics_label(p),
		            (unsigned long long)pt_metrics_connections(m, p));
	pt_metrics_head(&w, "postern_relayed_bytes_total", "counter",
	                "Bytes relayed after the login, by protocol and direction "
	                "(in: from the client), counted when the session ends.");
	for (int p = 0; p < PT_M_PROTOS; p++)
		for (int d = 0; d < 2; d++)
			pt_wbuf_fmt(&w, "postern_relayed_bytes_total{protocol=\"%s\",direction=\"%s\"} "
			            "%llu\n", pt_metrics_label(p), d ? "out" : "in",
			            (unsigned long long)pt_metrics_read(&m->bytes[p][d]));
	pt_metrics_head(&w, "postern_tls_handshakes_total", "counter",
	                "TLS handshakes with clients, by result and session reuse.");
	for (int ok = 0; ok < 2; ok++)
		for (int res = 0; res < 2; res++)
			pt_wbuf_fmt(&w, "postern_tls_handshakes_total{result=\"%s\",session=\"%s\"} "
			            "%llu\n", ok ? "failed" : "ok", res ? "resumed" : "full",
			            (unsigned long long)pt_metrics_read(&m->tls[ok][res]));
	pt_metrics_head(&w, "postern_auth_http_duration_seconds", "histogram",
	                "Time from an auth_http request to its complete answer.");
	for (int k = 0; k <= PT_M_AUTH_BUCKETS; k++) {
		cum += pt_metrics_read(&m->auth[k]);
		pt_wbuf_fmt(&w, "postern_auth_http_duration_seconds_bucket{le=\"%s\"} %llu\n",
		            k < PT_M_AUTH_BUCKETS ? pt_metrics_auth_le[k] : "+Inf",
		            (unsigned long long)cum);
	}
	pt_wbuf_fmt(&w, "postern_auth_http_duration_seconds_sum %.6f\n",
	            (double)pt_metrics_read(&m->auth_sum_us) / 1e6);
	pt_wbuf_fmt(&w, "postern_auth_http_duration_seconds_count %llu\n",
	            (unsigned long long)pt_metrics_read(&m->auth_count));
	pt_metrics_head(&w, "postern_limit_refused_total", "counter",
	                "Connections and logins refused by the limit_* directives.");
	for (int l = 0; l < PT_ML_COUNT; l++)
		pt_wbuf_fmt(&w, "postern_limit_refused_total{limit=\"%s\"} %llu\n", limits[l],
		            (unsigned long long)pt_metrics_read(&m->limit_refused[l]));
	pt_metrics_head(&w, "postern_limit_zone_full_total", "counter",
	                "Limit checks let through because limit_zone_size had no room.");
	pt_wbuf_fmt(&w, "postern_limit_zone_full_total %llu\n",
	            (unsigned long long)pt_metrics_read(&m->limit_zone_full));
	return pt_wbuf_cstr(&w) != NULL ? w.len : 0;
}
