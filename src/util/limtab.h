/*
 * limtab.h - the limits' shared table (limit_conn_per_ip, limit_conn_per_server,
 * limit_login_per_ip, limit_login_per_user; postern extensions): fixed-size
 * entries in memory the caller hands over (the shell maps it MAP_SHARED
 * before the workers fork), so every worker counts in the same place.
 *
 * Implementation notes
 * - An entry is a 64-bit key (FNV-1a of a kind byte and the bytes: an
 *   address, a login, a server number), a connection count and a leaky
 *   bucket (nginx's limit_req: "excess" in thousandths of a request, the
 *   time it was last updated).  Two keys with one hash share an entry: with
 *   64 bits that is a curiosity, and it can only make a limit stricter.
 * - Open addressing, PT_LIMTAB_PROBE slots from the hash.  A slot is never
 *   emptied, only taken over once idle (no connection, bucket drained), so a
 *   lookup that scans all its slots for the key first never sees a key
 *   twice.  No free slot among them: the table is full for that key, and
 *   the caller lets the client through (fail open; it logs that once).
 * - One lock word for the table (lock); the caller holds it around each
 *   call (the shell's shmlock.h, which also takes it over from a worker
 *   that died inside).  Nothing here takes it.
 * - Time comes in as now_ms; nothing here reads a clock.
 */
#ifndef PT_UTIL_LIMTAB_H
#define PT_UTIL_LIMTAB_H

#include <stddef.h>
#include <stdint.h>

#include "util/limits.h"

enum pt_limtab_kind {
	PT_LIMTAB_CONN_IP = 1,
	PT_LIMTAB_CONN_SERVER,
	PT_LIMTAB_LOGIN_IP,
	PT_LIMTAB_LOGIN_USER
};

enum pt_limtab_result {
	PT_LIMTAB_OK = 0,
	PT_LIMTAB_REFUSED,      /* over the limit */
	PT_LIMTAB_FULL          /* no slot for this key: let it through */
};

struct pt_limtab_entry {
	uint64_t key;           /* 0: never used */
	uint64_t conns;
	uint64_t excess;        /* thousandths of a request over the rate */
	uint64_t last_ms;       /* when excess was computed */
	uint64_t idle_ms;       /* the bucket is empty from then on */
};

struct pt_limtab {
	uint32_t lock;          /* the caller's: 0, or its holder's pid */
	uint32_t full_logged;   /* the shell's "table full" line, once */
	uint64_t n;             /* entries after the header */
	struct pt_limtab_entry e[];
};

/* A rate as nginx's limit_req keeps it: thousandths of a request per
 * second ("10r/s" 10000, "2r/m" 33), and the burst in requests. */
struct pt_rate {
	uint64_t mrps;
	uint64_t burst;
};

/* Bytes to entries: 0 when len cannot hold the header and one entry. */
uint64_t pt_limtab_capacity(size_t len);
/* The table over mem (len bytes, zeroed); NULL when too small. */
struct pt_limtab *pt_limtab_init(void *mem, size_t len);
uint64_t pt_limtab_key(enum pt_limtab_kind kind, const void *p, size_t n);

/* One more connection for key unless it holds max already. */
enum pt_limtab_result pt_limtab_conn_acquire(struct pt_limtab *t, uint64_t key, uint64_t max,
                                             uint64_t now_ms);
void pt_limtab_conn_release(struct pt_limtab *t, uint64_t key);
/* One login attempt against the key's bucket. */
enum pt_limtab_result pt_limtab_rate_take(struct pt_limtab *t, uint64_t key,
                                          const struct pt_rate *r, uint64_t now_ms);
/* A worker died without releasing its connections: every connection count
 * is set to 0, since whose they were is not kept.  The counts are then low
 * (the limits let more in) until the other workers' sessions have ended. */
void pt_limtab_conns_reset(struct pt_limtab *t);

/* nginx's ngx_http_limit_req_lookup arithmetic, on its own for the tests:
 * the bucket drains at r->mrps, an attempt adds 1000; over burst*1000 the
 * attempt is refused and the bucket stays as it was.  1: allowed. */
int pt_rate_step(uint64_t *excess, uint64_t *last_ms, const struct pt_rate *r,
                 uint64_t now_ms);
/* When a bucket of this excess, at this rate, is empty again. */
uint64_t pt_rate_idle_at(uint64_t excess, uint64_t last_ms, const struct pt_rate *r);

#endif
