/*
 * tlscache.c - ssl_session_cache (tlscache.h): a br_ssl_session_cache_class
 * over a table of sessions, kept in a region every worker maps (shared)
 * or in memory of one worker (builtin).
 *
 * Implementation notes
 * - What the directive means, as nginx's ngx_ssl_session_cache(): "off",
 *   "none" and "builtin[:n]" set one value, the last given wins; the last
 *   "shared:name:size" names the region.  Then: off -> no cache at all
 *   (even with shared, as nginx); shared -> the region (with builtin as
 *   well nginx keeps both, a per-worker one in front; we keep the shared
 *   one only: it sees every session the builtin one would); builtin ->
 *   per worker and server, n sessions (nginx's default 20480; 0, which
 *   is "no limit" to OpenSSL, is taken as the default); none -> no cache.
 * - One table layout for both, not br_ssl_session_cache_lru for builtin:
 *   the LRU keeps no time, so ssl_session_timeout would not hold, and an
 *   entry it forgets keeps its master secret in memory.
 * - Table: a header, then buckets of PT_TLS_CACHE_WAYS entries of 104
 *   bytes (session ID, master secret, version, suite, expiry, context).
 *   The bucket is taken from the first 8 bytes of the session ID, which
 *   the server draws from its DRBG (a client chooses only IDs to look
 *   up, and a lookup reads one bucket: no client can make it slower).  A
 *   save takes an empty or expired way of its bucket, else evicts the one
 *   closest to expiry.  A shared region of S bytes holds (S - 24) / 832
 *   buckets, e.g. 1m: 1260 buckets, 10080 sessions (nginx: ~4000 per MB).
 * - Expiry: now + ssl_session_timeout, per entry, on CLOCK_BOOTTIME in ms
 *   (one clock for every process; suspend counts).  An expired entry is
 *   never handed out, and is wiped (explicit_bzero, master secret and
 *   all) when a save or load passes it, and by the sweeper: a 1 s timer
 *   in each worker; the first worker whose tick finds a table due claims
 *   the sweep (a CAS on sweep_due) and wipes the expired entries of the
 *   next tenth of it (at least 64 buckets).  So a secret outlives its
 *   expiry by at most 11 ticks, about 11 s (2 s for tables of up to 64
 *   buckets, 512 sessions, swept whole on every tick).
 * - Context: like nginx's session id context, each entry carries a tag
 *   (SHA-256 of the server's certificate chains, ssl_ciphers and
 *   ssl_protocols, first 8 bytes); a load from a server with another tag
 *   misses, so servers sharing a region resume only sessions made with
 *   the same certificates and settings.
 * - ssl_verify_client other than off: no cache.  BearSSL resumes without
 *   the client's certificate, so a resumed session would lack what the
 *   verification and the Auth-SSL-* headers need.
 * - Lock: the region's lock word (shmlock.h: its holder's pid, taken over
 *   from a holder that died inside the section); no threads are used, only
 *   processes.  Critical sections are a scan of one bucket (8 entries,
 *   or 32 buckets for a sweep chunk), no system call inside.  An entry is
 *   made invalid (version 0) before it is written and valid last, so one
 *   left half written by a dead holder is never handed out.  Limits: a
 *   holder whose pid was reused within the wait would not be noticed; a
 *   zombie holder holds the lock until the master reaps it.
 * - Memory: anonymous mappings only, never a file: a shared region is
 *   mapped MAP_SHARED|MAP_ANONYMOUS in the master before the fork, so
 *   only the master and its workers can see it (and no exec keeps it); a
 *   builtin table is a private one in its worker (not malloc: so that
 *   MADV_DONTDUMP keeps the secrets out of core dumps, as for the shared
 *   ones), wiped and unmapped when the worker ends.  A region of the
 *   old config stays mapped in the old workers until they exit; the
 *   master keeps a region across a reload when the new config names it
 *   with the same size (its sessions stay valid), else maps a new one.
 * - No session tickets: BearSSL 0.6 resumes by session ID only.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "shell/errlog.h"
#include "shell/shmlock.h"
#include "shell/tls.h"
#include "shell/tlscache.h"

#define PT_TLS_CACHE_WAYS 8
#define PT_TLS_CACHE_BUILTIN_DEFAULT 20480      /* nginx's builtin size, in sessions */
#define PT_TLS_CACHE_SWEEP_MS 1000              /* the sweeper's tick */
#define PT_TLS_CACHE_SWEEP_PASS 10              /* ticks for a whole table, at most */
#define PT_TLS_CACHE_SWEEP_MIN 64               /* buckets per tick, at least */
#define PT_TLS_CACHE_SWEEP_CHUNK 32             /* buckets per lock hold */
#define PT_TLS_CACHE_ID 32                      /* BearSSL's session IDs: always 32 bytes */

struct pt_tls_cache_entry {
	uint8_t id[PT_TLS_CACHE_ID];
	uint8_t secret[48];
	int64_t expires;            /* ms on CLOCK_BOOTTIME; 0: empty */
	uint64_t tag;               /* the server's certificates and settings */
	uint16_t version;           /* 0: empty, or being written */
	uint16_t suite;
	uint32_t unused;
};

struct pt_tls_cache_table {
	uint32_t lock;              /* pid of the holder, 0: free */
	uint32_t n_buckets;         /* >= 1 */
	uint32_t sweep_at;          /* the next bucket to sweep (under the lock) */
	uint32_t unused;
	int64_t sweep_due;          /* ms: when the next sweep may start */
	struct pt_tls_cache_entry e[];
};

/* The sizes the notes above count with. */
_Static_assert(sizeof(struct pt_tls_cache_entry) == 104, "entry of 104 bytes");
_Static_assert(sizeof(struct pt_tls_cache_table) == 24, "header of 24 bytes");

enum pt_tls_cache_kind { PT_TLS_CACHE_NONE, PT_TLS_CACHE_BUILTIN, PT_TLS_CACHE_SHARED };

struct pt_tls_cache_spec {
	enum pt_tls_cache_kind kind;
	uint64_t sessions;          /* builtin */
	const char *name;           /* shared: "name:size", name_len bytes of name */
	size_t name_len;
	uint64_t size;              /* shared, bytes */
};

/* One per server with a cache, in a worker. */
struct pt_tls_cache {
	const br_ssl_session_cache_class *vtable;   /* first: BearSSL hands back &vtable */
	struct pt_tls_cache_table *tb;
	size_t own_len;             /* builtin: the mapping this cache owns; 0: shared */
	uint64_t tag;
	int64_t timeout_ms;
	struct pt_tls_cache *next;  /* the worker's caches, for the sweeper */
};

/* A shared region, as the master keeps it (the workers inherit the list). */
struct pt_tls_shm {
	struct pt_tls_shm *next;
	char *name;
	uint64_t size;
	struct pt_tls_cache_table *tb;
};

static struct pt_tls_shm *pt_tls_shm_cur;      /* the config the workers run */
static struct pt_tls_shm *pt_tls_shm_new;      /* prepared, not yet committed */
static struct pt_tls_cache *pt_tls_caches;     /* this worker's */
static ev_timer pt_tls_cache_timer;
static int pt_tls_cache_timer_on;

static int64_t pt_tls_cache_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the directive ------------------------------------------------------ */

/* The digits of an nginx number or size (the config layer checked the
 * word already); size: with k/K, m/M or g/G. */
static uint64_t pt_tls_cache_number(const char *p, int size)
{
	uint64_t v = 0;

	for (; *p >= '0' && *p <= '9'; p++)
		v = v > UINT64_MAX / 20 ? UINT64_MAX / 20 : v * 10 + (uint64_t)(*p - '0');
	if (size) {
		switch (*p) {
		case 'k': case 'K': v <<= 10; break;
		case 'm': case 'M': v <<= 20; break;
		case 'g': case 'G': v <<= 30; break;
		default: break;
		}
	}
	return v;
}

static void pt_tls_cache_spec_of(const struct pt_conf_server *srv, struct pt_tls_cache_spec *sp)
{
	const struct pt_strlist *l = &srv->ssl_session_cache;
	enum { B_UNSET, B_OFF, B_NONE, B_BUILTIN } b = B_UNSET;
	const char *shared = NULL;

	memset(sp, 0, sizeof(*sp));
	for (size_t i = 0; i < l->n; i++) {
		const char *w = l->v[i].p;
		if (strcmp(w, "off") == 0) {
			b = B_OFF;
		} else if (strcmp(w, "none") == 0) {
			b = B_NONE;
		} else if (strcmp(w, "builtin") == 0) {
			b = B_BUILTIN;
			sp->sessions = PT_TLS_CACHE_BUILTIN_DEFAULT;
		} else if (strncmp(w, "builtin:", 8) == 0) {
			b = B_BUILTIN;
			sp->sessions = pt_tls_cache_number(w + 8, 0);
			if (sp->sessions == 0)
				sp->sessions = PT_TLS_CACHE_BUILTIN_DEFAULT;
		} else if (strncmp(w, "shared:", 7) == 0 && strchr(w + 7, ':') != NULL) {
			shared = w + 7;
		}
	}
	if (b == B_OFF || srv->ssl_verify_client != PT_VERIFY_OFF)
		return;
	if (shared != NULL) {
		const char *colon = strchr(shared, ':');
		sp->kind = PT_TLS_CACHE_SHARED;
		sp->name = shared;
		sp->name_len = (size_t)(colon - shared);
		sp->size = pt_tls_cache_number(colon + 1, 1);
	} else if (b == B_BUILTIN) {
		sp->kind = PT_TLS_CACHE_BUILTIN;
	}
}

int pt_tls_cache_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx)
{
	for (size_t i = 0; i < conf->n_servers; i++) {
		struct pt_tls_cache_spec a;
		pt_tls_cache_spec_of(&conf->servers[i], &a);
		if (a.kind != PT_TLS_CACHE_SHARED || !pt_conf_server_tls(&conf->servers[i]))
			continue;
		for (size_t k = 0; k < i; k++) {
			struct pt_tls_cache_spec b;
			pt_tls_cache_spec_of(&conf->servers[k], &b);
			if (b.kind != PT_TLS_CACHE_SHARED || !pt_conf_server_tls(&conf->servers[k]) ||
			    b.name_len != a.name_len || memcmp(b.name, a.name, a.name_len) != 0 ||
			    b.size == a.size)
				continue;
			pt_check_msgf(msg, ctx, PT_LOG_EMERG, "the size %llu of shared memory zone "
			              "\"%.*s\" conflicts with already declared size %llu in %s:%u",
			              (unsigned long long)a.size, (int)a.name_len, a.name,
			              (unsigned long long)b.size, conf->servers[i].file,
			              conf->servers[i].line);
			return 1;
		}
	}
	return 0;
}

/* ---- the table ------------------------------------------------------------ */

static size_t pt_tls_cache_table_len(uint64_t n_buckets)
{
	return sizeof(struct pt_tls_cache_table) +
	       (size_t)n_buckets * PT_TLS_CACHE_WAYS * sizeof(struct pt_tls_cache_entry);
}

/* An anonymous mapping of len bytes (zeroed by the kernel), shared with
 * the children forked after this or private; NULL after an [emerg]. */
static struct pt_tls_cache_table *pt_tls_cache_table_map(size_t len, uint64_t n_buckets,
                                                         int shared, const char *what)
{
	char name[160];
	struct pt_tls_cache_table *tb;

	snprintf(name, sizeof(name), "the session cache %s", what);
	/* master secrets stay out of core dumps */
	if ((tb = pt_shm_map(len, shared, 1, name)) == NULL)
		return NULL;
	tb->n_buckets = (uint32_t)n_buckets;
	return tb;
}

static void pt_tls_cache_lock(struct pt_tls_cache_table *tb)
{
	pt_shm_lock(&tb->lock);
}

static void pt_tls_cache_unlock(struct pt_tls_cache_table *tb)
{
	pt_shm_unlock(&tb->lock);
}

/* Invalid first: a holder that dies half way leaves no valid entry. */
static void pt_tls_cache_wipe(struct pt_tls_cache_entry *e)
{
	__atomic_store_n(&e->version, 0, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	explicit_bzero(e, sizeof(*e));
}

static struct pt_tls_cache_entry *pt_tls_cache_bucket(struct pt_tls_cache_table *tb,
                                                      const unsigned char *id)
{
	uint64_t h;

	memcpy(&h, id, sizeof(h));      /* random: the server's DRBG drew it */
	return &tb->e[(size_t)(h % tb->n_buckets) * PT_TLS_CACHE_WAYS];
}

/* Under the lock: wipe the expired entries of one bucket. */
static void pt_tls_cache_expire(struct pt_tls_cache_entry *b, int64_t now)
{
	for (int w = 0; w < PT_TLS_CACHE_WAYS; w++)
		if (b[w].expires != 0 && b[w].expires <= now)
			pt_tls_cache_wipe(&b[w]);
}

static void pt_tls_cache_save(const br_ssl_session_cache_class **ctx,
                              br_ssl_server_context *sc, const br_ssl_session_parameters *p)
{
	struct pt_tls_cache *c = (struct pt_tls_cache *)(void *)ctx;
	struct pt_tls_cache_entry *b, *e = NULL;
	int64_t now = pt_tls_cache_now();

	(void)sc;
	if (p->session_id_len != PT_TLS_CACHE_ID || c->timeout_ms <= 0)
		return;
	b = pt_tls_cache_bucket(c->tb, p->session_id);
	pt_tls_cache_lock(c->tb);
	pt_tls_cache_expire(b, now);
	for (int w = 0; w < PT_TLS_CACHE_WAYS; w++) {
		if (b[w].version != 0 && b[w].expires != 0 &&
		    memcmp(b[w].id, p->session_id, PT_TLS_CACHE_ID) == 0) {
			/* Stored already.  BearSSL 0.6 saves after full
			 * handshakes only; should a resumed one be saved,
			 * its expiry stays that of its full handshake, as
			 * with OpenSSL: resuming never extends a session. */
			pt_tls_cache_unlock(c->tb);
			return;
		}
	}
	for (int w = 0; w < PT_TLS_CACHE_WAYS; w++) {
		if (b[w].expires == 0 || b[w].version == 0) {
			e = &b[w];      /* empty */
			break;
		}
		if (e == NULL || b[w].expires < e->expires)
			e = &b[w];      /* else the one closest to expiry */
	}
	pt_tls_cache_wipe(e);
	memcpy(e->id, p->session_id, PT_TLS_CACHE_ID);
	memcpy(e->secret, p->master_secret, sizeof(e->secret));
	e->suite = p->cipher_suite;
	e->tag = c->tag;
	e->expires = now + c->timeout_ms;
	__atomic_store_n(&e->version, p->version, __ATOMIC_RELEASE);
	pt_tls_cache_unlock(c->tb);
}

static int pt_tls_cache_load(const br_ssl_session_cache_class **ctx,
                             br_ssl_server_context *sc, br_ssl_session_parameters *p)
{
	struct pt_tls_cache *c = (struct pt_tls_cache *)(void *)ctx;
	struct pt_tls_cache_entry *b;
	int64_t now = pt_tls_cache_now();
	int found = 0;

	if (p->session_id_len != PT_TLS_CACHE_ID)
		return 0;
	b = pt_tls_cache_bucket(c->tb, p->session_id);
	pt_tls_cache_lock(c->tb);
	pt_tls_cache_expire(b, now);
	for (int w = 0; w < PT_TLS_CACHE_WAYS; w++) {
		if (b[w].version == 0 || b[w].expires == 0 ||
		    memcmp(b[w].id, p->session_id, PT_TLS_CACHE_ID) != 0)
			continue;
		if (b[w].tag == c->tag) {
			p->version = b[w].version;
			p->cipher_suite = b[w].suite;
			memcpy(p->master_secret, b[w].secret, sizeof(p->master_secret));
			found = 1;
		}
		break;
	}
	pt_tls_cache_unlock(c->tb);
	if (found)
		pt_tls_note_resumed(sc);
	return found;
}

static const br_ssl_session_cache_class pt_tls_cache_class = {
	sizeof(struct pt_tls_cache),
	pt_tls_cache_save,
	pt_tls_cache_load,
};

void pt_tls_cache_attach(struct pt_tls_cache *c, br_ssl_server_context *sc)
{
	if (c != NULL)
		br_ssl_server_set_cache(sc, &c->vtable);
}

/* ---- master: the shared regions -------------------------------------------- */

static struct pt_tls_shm *pt_tls_shm_find(struct pt_tls_shm *l, const char *name, size_t len)
{
	for (; l != NULL; l = l->next)
		if (strlen(l->name) == len && memcmp(l->name, name, len) == 0)
			return l;
	return NULL;
}

static int pt_tls_shm_in(const struct pt_tls_shm *l, const struct pt_tls_cache_table *tb)
{
	for (; l != NULL; l = l->next)
		if (l->tb == tb)
			return 1;
	return 0;
}

/* Free the list l, unmapping the regions that keep is not using. */
static void pt_tls_shm_drop(struct pt_tls_shm *l, const struct pt_tls_shm *keep)
{
	while (l != NULL) {
		struct pt_tls_shm *next = l->next;
		if (!pt_tls_shm_in(keep, l->tb))
			munmap(l->tb, pt_tls_cache_table_len(l->tb->n_buckets));
		free(l->name);
		free(l);
		l = next;
	}
}

int pt_tls_cache_shared_prepare(const struct pt_conf *conf)
{
	pt_tls_cache_shared_abort();
	for (size_t i = 0; i < conf->n_servers; i++) {
		struct pt_tls_cache_spec sp;
		struct pt_tls_shm *s, *old;
		uint64_t n_buckets;

		pt_tls_cache_spec_of(&conf->servers[i], &sp);
		if (sp.kind != PT_TLS_CACHE_SHARED || !pt_conf_server_tls(&conf->servers[i]) ||
		    pt_tls_shm_find(pt_tls_shm_new, sp.name, sp.name_len) != NULL)
			continue;   /* a second size for the name: pt_tls_cache_check refused it */
		n_buckets = (sp.size - sizeof(struct pt_tls_cache_table)) /
		            (PT_TLS_CACHE_WAYS * sizeof(struct pt_tls_cache_entry));
		if (n_buckets > UINT32_MAX)
			n_buckets = UINT32_MAX;
		if (n_buckets == 0)
			n_buckets = 1;      /* the config layer's minimum is 32k: not reached */
		if ((s = calloc(1, sizeof(*s))) == NULL || (s->name = strndup(sp.name, sp.name_len)) == NULL) {
			free(s);
			pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "out of memory");
			pt_tls_cache_shared_abort();
			return -1;
		}
		s->size = sp.size;
		s->next = pt_tls_shm_new;
		pt_tls_shm_new = s;
		old = pt_tls_shm_find(pt_tls_shm_cur, sp.name, sp.name_len);
		if (old != NULL && old->size == sp.size) {
			s->tb = old->tb;        /* the same region: its sessions stay */
		} else if ((s->tb = pt_tls_cache_table_map(pt_tls_cache_table_len(n_buckets), n_buckets,
		                                           1, s->name)) == NULL) {
			pt_tls_cache_shared_abort();
			return -1;
		}
	}
	return 0;
}

void pt_tls_cache_shared_commit(void)
{
	pt_tls_shm_drop(pt_tls_shm_cur, pt_tls_shm_new);
	pt_tls_shm_cur = pt_tls_shm_new;
	pt_tls_shm_new = NULL;
}

void pt_tls_cache_shared_abort(void)
{
	/* s->tb NULL: the map failed, nothing to unmap */
	struct pt_tls_shm **pp = &pt_tls_shm_new;

	while (*pp != NULL) {
		struct pt_tls_shm *s = *pp;
		if (s->tb == NULL) {
			*pp = s->next;
			free(s->name);
			free(s);
		} else {
			pp = &s->next;
		}
	}
	pt_tls_shm_drop(pt_tls_shm_new, pt_tls_shm_cur);
	pt_tls_shm_new = NULL;
}

void pt_tls_cache_shared_done(void)
{
	pt_tls_cache_shared_abort();
	/* Only the master is left: wipe what the workers stored. */
	for (struct pt_tls_shm *s = pt_tls_shm_cur; s != NULL; s = s->next)
		explicit_bzero(s->tb, pt_tls_cache_table_len(s->tb->n_buckets));
	pt_tls_shm_drop(pt_tls_shm_cur, NULL);
	pt_tls_shm_cur = NULL;
}

/* ---- worker ------------------------------------------------------------------ */

/* nginx's session id context, in spirit: the certificates of the server,
 * and its ssl_ciphers and ssl_protocols (a reload that drops a suite must
 * not resume sessions made with it). */
static uint64_t pt_tls_cache_tag(const struct pt_tls_server *t)
{
	const struct pt_conf_server *srv = t->srv;
	br_sha256_context h;
	unsigned char out[32];
	uint64_t tag;

	br_sha256_init(&h);
	br_sha256_update(&h, &srv->ssl_protocols, sizeof(srv->ssl_protocols));
	if (srv->ssl_ciphers.p != NULL)
		br_sha256_update(&h, srv->ssl_ciphers.p, srv->ssl_ciphers.len);
	br_sha256_update(&h, "\n", 1);
	for (size_t i = 0; i < t->n_certs; i++) {
		for (size_t k = 0; k < t->certs[i].chain_len; k++) {
			const br_x509_certificate *x = &t->certs[i].chain[k];
			uint64_t len = x->data_len;
			br_sha256_update(&h, &len, sizeof(len));
			br_sha256_update(&h, x->data, x->data_len);
		}
		br_sha256_update(&h, "\n", 1);
	}
	br_sha256_out(&h, out);
	memcpy(&tag, out, sizeof(tag));
	return tag;
}

int pt_tls_cache_open(struct pt_tls_server *t)
{
	struct pt_tls_cache_spec sp;
	struct pt_tls_cache *c;

	t->cache = NULL;
	pt_tls_cache_spec_of(t->srv, &sp);
	if (sp.kind == PT_TLS_CACHE_NONE)
		return 0;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "out of memory");
		return -1;
	}
	c->vtable = &pt_tls_cache_class;
	c->tag = pt_tls_cache_tag(t);
	c->timeout_ms = t->srv->ssl_session_timeout_sec > INT64_MAX / 1000
	                ? INT64_MAX / 2 : t->srv->ssl_session_timeout_sec * 1000;
	if (sp.kind == PT_TLS_CACHE_SHARED) {
		struct pt_tls_shm *s = pt_tls_shm_find(pt_tls_shm_cur, sp.name, sp.name_len);
		if (s == NULL) {
			pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "shared session cache \"%.*s\" was not "
			          "set up by the master", (int)sp.name_len, sp.name);
			free(c);
			return -1;
		}
		c->tb = s->tb;
	} else {
		uint64_t n_buckets = sp.sessions / PT_TLS_CACHE_WAYS + 1;
		if (n_buckets > UINT32_MAX)
			n_buckets = UINT32_MAX;
		c->own_len = pt_tls_cache_table_len(n_buckets);
		if ((c->tb = pt_tls_cache_table_map(c->own_len, n_buckets, 0, "builtin")) == NULL) {
			free(c);
			return -1;
		}
	}
	c->next = pt_tls_caches;
	pt_tls_caches = c;
	t->cache = c;
	return 0;
}

void pt_tls_cache_close(struct pt_tls_server *t)
{
	struct pt_tls_cache *c = t->cache;

	if (c == NULL)
		return;
	for (struct pt_tls_cache **pp = &pt_tls_caches; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	if (c->own_len != 0) {
		explicit_bzero(c->tb, c->own_len);
		munmap(c->tb, c->own_len);
	}
	free(c);
	t->cache = NULL;
}

/* Wipe the expired entries of the next part of tb, if no worker has
 * since the last tick. */
static void pt_tls_cache_sweep(struct pt_tls_cache_table *tb, int64_t now)
{
	int64_t due = __atomic_load_n(&tb->sweep_due, __ATOMIC_RELAXED);
	uint32_t budget = tb->n_buckets / PT_TLS_CACHE_SWEEP_PASS + 1;

	if (now < due || !__atomic_compare_exchange_n(&tb->sweep_due, &due,
	                                              now + PT_TLS_CACHE_SWEEP_MS - 50, 0,
	                                              __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	if (budget < PT_TLS_CACHE_SWEEP_MIN)
		budget = PT_TLS_CACHE_SWEEP_MIN;
	if (budget > tb->n_buckets)
		budget = tb->n_buckets;
	while (budget > 0) {
		uint32_t n = budget < PT_TLS_CACHE_SWEEP_CHUNK ? budget : PT_TLS_CACHE_SWEEP_CHUNK;
		pt_tls_cache_lock(tb);
		for (uint32_t k = 0; k < n; k++) {
			uint32_t at = tb->sweep_at < tb->n_buckets ? tb->sweep_at : 0;
			pt_tls_cache_expire(&tb->e[(size_t)at * PT_TLS_CACHE_WAYS], now);
			tb->sweep_at = at + 1 < tb->n_buckets ? at + 1 : 0;
		}
		pt_tls_cache_unlock(tb);
		budget -= n;
	}
}

static void pt_tls_cache_on_tick(struct ev_loop *loop, ev_timer *w, int revents)
{
	int64_t now = pt_tls_cache_now();

	(void)loop;
	(void)w;
	(void)revents;
	for (struct pt_tls_cache *c = pt_tls_caches; c != NULL; c = c->next)
		pt_tls_cache_sweep(c->tb, now);
}

void pt_tls_cache_sweeper_start(struct ev_loop *loop)
{
	if (pt_tls_caches == NULL || pt_tls_cache_timer_on)
		return;
	ev_timer_init(&pt_tls_cache_timer, pt_tls_cache_on_tick, PT_TLS_CACHE_SWEEP_MS / 1000.,
	              PT_TLS_CACHE_SWEEP_MS / 1000.);
	ev_timer_start(loop, &pt_tls_cache_timer);
	ev_unref(loop);     /* the sweeper alone keeps no worker alive */
	pt_tls_cache_timer_on = 1;
}

void pt_tls_cache_sweeper_stop(struct ev_loop *loop)
{
	if (!pt_tls_cache_timer_on)
		return;
	ev_ref(loop);
	ev_timer_stop(loop, &pt_tls_cache_timer);
	pt_tls_cache_timer_on = 0;
}
