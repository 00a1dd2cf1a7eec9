/*
 * metrics.h - counters shared by every worker (postern extension), served
 * as Prometheus text by status_listen (status.c), and the shared table of
 * the limits (limits.c).
 *
 * Implementation notes
 * - Both live in anonymous MAP_SHARED memory the master maps before it
 *   forks the first workers (pt_shared_prepare).  The counters are mapped
 *   once for the master's life, so a reload (new workers, old ones
 *   draining) keeps counting in the same place: nothing resets.  The
 *   limits' table is kept across a reload too, unless limit_zone_size
 *   changes (then the new workers start a new, empty one).
 * - Counters are uint64_t moved by __atomic_fetch_add (relaxed: each is
 *   read alone, no order between them is promised).  Gauges are counters
 *   that also go down.
 * - The connections gauge is kept per worker (a slot claimed at start by
 *   pid), so that the master can take a dead worker's out of it
 *   (pt_metrics_reap): a crash does not leave its sessions counted.
 *   More workers than slots at once count in one shared row, which a
 *   crash can then leave high.
 */
#ifndef PT_SHELL_METRICS_H
#define PT_SHELL_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "core/core.h"
#include "shell/errlog.h"
#include "util/limtab.h"

/* How a session ended, as the access log's result says it. */
enum pt_metric_result {
	PT_MR_RELAYED = 0,      /* logged in and relayed */
	PT_MR_AUTH_FAILED,      /* the auth service said no */
	PT_MR_TIMEOUT,          /* the client was too slow before the relay */
	PT_MR_CLOSED,           /* the client left (QUIT, EOF) before a login */
	PT_MR_LIMITED,          /* refused by limit_conn_per_* */
	PT_MR_ERROR,            /* anything else: auth service, backend, protocol */
	PT_MR_COUNT
};

enum pt_metric_limit {
	PT_ML_CONN_IP = 0,
	PT_ML_CONN_SERVER,
	PT_ML_LOGIN_IP,
	PT_ML_LOGIN_USER,
	PT_ML_COUNT
};

#define PT_M_PROTOS 4           /* imap, pop3, smtp, sieve: enum pt_proto - 1 */
#define PT_M_AUTH_BUCKETS 11    /* auth_http latency upper bounds, metrics.c */
/* Workers alive at once, old generations draining included: worker_processes
 * is at most 1024 (nginx's NGX_MAX_PROCESSES), and a reload under load
 * rarely leaves more than a few generations. */
#define PT_M_WORKER_SLOTS 256

struct pt_metrics_slot {
	uint32_t pid;                           /* 0: free */
	uint32_t pad;
	uint64_t connections[PT_M_PROTOS];
};

struct pt_metrics {
	uint64_t sessions[PT_M_PROTOS][PT_MR_COUNT];
	uint64_t bytes[PT_M_PROTOS][2];         /* [0] from the client, [1] to it */
	uint64_t connections[PT_M_PROTOS];      /* gauge: workers with no slot */
	uint64_t tls[2][2];                     /* [ok, failed][full, resumed] */
	uint64_t auth[PT_M_AUTH_BUCKETS + 1];   /* per bucket, the last is +Inf */
	uint64_t auth_count;
	uint64_t auth_sum_us;
	uint64_t limit_refused[PT_ML_COUNT];
	uint64_t limit_zone_full;               /* a key that found no slot */
	struct pt_metrics_slot slot[PT_M_WORKER_SLOTS];     /* the gauge, per worker */
};

/* Master: map what the config needs before the fork (0, or -1 after an
 * [emerg]): these and tlscache's shared session caches, so one call does
 * all the memory the workers share.  Then _commit once the new workers
 * are to use it, or _abort; _done at exit, when no worker is left. */
int pt_shared_prepare(const struct pt_conf *conf);
void pt_shared_commit(void);
void pt_shared_abort(void);
void pt_shared_done(void);

/* -t, start and reload: status_listen's port is no mail listen's (0, or 1
 * after an [emerg]). */
int pt_status_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx);

/* Workers: the counters (never NULL once prepared) and the limits' table
 * (NULL: no limit is configured). */
struct pt_metrics *pt_metrics_get(void);
struct pt_limtab *pt_limits_table(void);
/* The status_listen socket the master bound, or -1. */
int pt_status_fd(void);

/* Worker: claim a gauge slot (at start); one session more (+1) or less. */
void pt_metrics_worker_start(void);
void pt_metrics_conn(enum pt_proto p, int up);
/* Master: a worker is gone; its slot's sessions leave the gauge. */
void pt_metrics_reap(uint32_t pid);
void pt_metrics_add(uint64_t *counter, uint64_t n);
void pt_metrics_sub(uint64_t *counter, uint64_t n);
int pt_metrics_proto(enum pt_proto p);  /* index, or -1 */
void pt_metrics_auth_time(uint64_t us);
enum pt_metric_result pt_metrics_result(int relayed, enum pt_core_end end);
/* The exposition (text format 0.0.4) into buf; its length, or 0 when cap
 * is too small. */
size_t pt_metrics_render(char *buf, size_t cap);
#define PT_METRICS_TEXT_MAX 16384

/* status.c: the metrics listener in a worker's loop */
struct ev_loop;
void pt_status_start(struct ev_loop *loop);
void pt_status_stop(struct ev_loop *loop);

#endif
