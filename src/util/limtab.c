/*
 * limtab.c - the limits' shared table and nginx's leaky bucket (limtab.h).
 */
#include <string.h>

#include "util/limtab.h"

uint64_t pt_limtab_capacity(size_t len)
{
	if (len < sizeof(struct pt_limtab) + sizeof(struct pt_limtab_entry))
		return 0;
	return (uint64_t)((len - sizeof(struct pt_limtab)) / sizeof(struct pt_limtab_entry));
}

struct pt_limtab *pt_limtab_init(void *mem, size_t len)
{
	struct pt_limtab *t = mem;
	uint64_t n = pt_limtab_capacity(len);

	if (mem == NULL || n == 0)
		return NULL;
	t->lock = 0;
	t->full_logged = 0;
	t->n = n;
	return t;
}

/* FNV-1a over the kind and the bytes; 0 stays "never used". */
uint64_t pt_limtab_key(enum pt_limtab_kind kind, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	h = (h ^ (uint8_t)kind) * 0x100000001b3ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h ? h : 1;
}

/* The key's entry, or an idle slot taken over for it, or NULL (full).
 * idle_ms of a connection-only entry is 0: idle once its count is. */
static struct pt_limtab_entry *pt_limtab_find(struct pt_limtab *t, uint64_t key, uint64_t now_ms,
                                              int *created)
{
	struct pt_limtab_entry *spare = NULL;

	for (uint64_t k = 0; k < PT_LIMTAB_PROBE && k < t->n; k++) {
		struct pt_limtab_entry *e = &t->e[(key + k) % t->n];
		if (e->key == key)
			return e;
		if (spare == NULL && (e->key == 0 || (e->conns == 0 && now_ms >= e->idle_ms)))
			spare = e;
	}
	if (spare == NULL || created == NULL)
		return NULL;
	memset(spare, 0, sizeof(*spare));
	spare->key = key;
	*created = 1;
	return spare;
}

enum pt_limtab_result pt_limtab_conn_acquire(struct pt_limtab *t, uint64_t key, uint64_t max,
                                             uint64_t now_ms)
{
	struct pt_limtab_entry *e;
	enum pt_limtab_result r = PT_LIMTAB_OK;
	int created = 0;

	e = pt_limtab_find(t, key, now_ms, &created);
	if (e == NULL)
		r = PT_LIMTAB_FULL;
	else if (e->conns >= max)
		r = PT_LIMTAB_REFUSED;
	else
		e->conns++;
	return r;
}

void pt_limtab_conn_release(struct pt_limtab *t, uint64_t key)
{
	struct pt_limtab_entry *e;

	e = pt_limtab_find(t, key, 0, NULL);
	if (e != NULL && e->conns > 0)
		e->conns--;
}

/* ngx_http_limit_req_lookup: excess = excess - rate * ms / 1000 + 1000,
 * then not below 0; over burst * 1000 is refused (the entry keeps its old
 * values, as nginx's does). */
int pt_rate_step(uint64_t *excess, uint64_t *last_ms, const struct pt_rate *r, uint64_t now_ms)
{
	uint64_t ms = now_ms > *last_ms ? now_ms - *last_ms : 0;
	uint64_t drained = r->mrps * ms / 1000;
	uint64_t next = *excess + 1000 > drained ? *excess + 1000 - drained : 0;

	if (next > r->burst * 1000)
		return 0;
	*excess = next;
	*last_ms = now_ms;
	return 1;
}

uint64_t pt_rate_idle_at(uint64_t excess, uint64_t last_ms, const struct pt_rate *r)
{
	if (r->mrps == 0)
		return UINT64_MAX;
	return last_ms + (excess * 1000 + r->mrps - 1) / r->mrps;
}

enum pt_limtab_result pt_limtab_rate_take(struct pt_limtab *t, uint64_t key,
                                          const struct pt_rate *r, uint64_t now_ms)
{
	struct pt_limtab_entry *e;
	enum pt_limtab_result res = PT_LIMTAB_OK;
	int created = 0;

	e = pt_limtab_find(t, key, now_ms, &created);
	if (e == NULL) {
		res = PT_LIMTAB_FULL;
	} else if (created) {
		/* nginx: a new node starts with excess 0 */
		e->last_ms = now_ms;
		e->idle_ms = now_ms + 1;
	} else if (!pt_rate_step(&e->excess, &e->last_ms, r, now_ms)) {
		res = PT_LIMTAB_REFUSED;
	} else {
		e->idle_ms = pt_rate_idle_at(e->excess, e->last_ms, r);
		if (e->idle_ms <= now_ms)
			e->idle_ms = now_ms + 1;     /* this attempt's own instant */
	}
	return res;
}

void pt_limtab_conns_reset(struct pt_limtab *t)
{
	for (uint64_t i = 0; i < t->n; i++)
		t->e[i].conns = 0;
}
